package dev.llmcache.metrics;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Caps the {@code model} label at {@code cache.metrics.max-models} distinct values: the first models
 * this server sees keep their name, later ones are reported as {@code other}, so a client that
 * invents model names cannot grow the exposition without bound.
 */
@Component
class ModelLabels {

    private final int max;
    private final Set<String> named = ConcurrentHashMap.newKeySet();

    ModelLabels(MetricsProperties properties) {
        this.max = properties.maxModels();
    }

    String label(String model) {
        if (named.contains(model)) {
            return model;
        }
        synchronized (named) {
            if (named.contains(model) || named.size() < max && named.add(model)) {
                return model;
            }
        }
        return MetricNames.OTHER_MODEL;
    }
}
