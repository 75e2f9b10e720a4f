package dev.llmcache.metrics;

import org.springframework.stereotype.Component;

/**
 * The caps of the labels that clients choose the values of ({@code namespace}, {@code cache_type},
 * {@code provider}, {@code model}); every meter with such a label takes its value through here.
 */
@Component
public class LabelCaps {

    private final LabelCap namespaces;
    private final LabelCap cacheTypes;
    private final LabelCap providers;
    private final LabelCap models;

    LabelCaps(MetricsProperties properties) {
        namespaces = new LabelCap(MetricNames.NAMESPACE, "cache.metrics.max-namespaces", properties.maxNamespaces());
        cacheTypes = new LabelCap(MetricNames.CACHE_TYPE, "cache.metrics.max-cache-types", properties.maxCacheTypes());
        providers = new LabelCap(MetricNames.PROVIDER, "cache.metrics.max-providers", properties.maxProviders());
        models = new LabelCap(MetricNames.MODEL, "cache.metrics.max-models", properties.maxModels());
    }

    public String namespace(String namespace) {
        return namespaces.label(namespace);
    }

    /** The fixed value {@value MetricNames#UNKNOWN_CACHE_TYPE} (a miss by key) takes no place under the cap. */
    public String cacheType(String cacheType) {
        return cacheType.equals(MetricNames.UNKNOWN_CACHE_TYPE) ? cacheType : cacheTypes.label(cacheType);
    }

    public String provider(String provider) {
        return providers.label(provider);
    }

    public String model(String model) {
        return models.label(model);
    }
}
