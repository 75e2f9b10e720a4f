package dev.llmcache.metrics;

import dev.llmcache.lookup.LookupObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.stereotype.Component;

/**
 * Counts lookups ({@code llmcache_lookups_total}) and the dollars hits saved
 * ({@code llmcache_saved_usd_total}). The counters of a namespace and cache type are created once
 * and cached, so a hit costs two map reads and two atomic adds.
 */
@Component
class LookupMeters implements LookupObserver {

    private final MeterRegistry registry;
    private final LabelCaps caps;
    /** By label, not by namespace: past the cap, every namespace shares the meters of other. */
    private final ConcurrentMap<String, NamespaceMeters> namespaces = new ConcurrentHashMap<>();

    LookupMeters(MeterRegistry registry, LabelCaps caps) {
        this.registry = registry;
        this.caps = caps;
    }

    @Override
    public void hit(String namespace, String cacheType, long savedNanos) {
        NamespaceMeters meters = meters(namespace);
        meters.lookups(cacheType).hits.increment();
        if (savedNanos > 0) {
            meters.saved.add(savedNanos);
        }
    }

    @Override
    public void miss(String namespace, String cacheType) {
        meters(namespace).lookups(cacheType).misses.increment();
    }

    @Override
    public void corrupt(String namespace) {
        meters(namespace).corrupt.increment();
    }

    private NamespaceMeters meters(String namespace) {
        String label = caps.namespace(namespace);
        NamespaceMeters meters = namespaces.get(label);
        return meters != null ? meters : namespaces.computeIfAbsent(label, NamespaceMeters::new);
    }

    /** A namespace's savings, and its hit and miss counters per cache type. */
    private final class NamespaceMeters {

        final String namespace;
        final UsdCounter saved;
        final Counter corrupt;
        final ConcurrentMap<String, TypeMeters> types = new ConcurrentHashMap<>();

        NamespaceMeters(String namespace) {
            this.namespace = namespace;
            this.saved = UsdCounter.register(registry, MetricNames.SAVED, Tags.of(MetricNames.NAMESPACE, namespace),
                    "US dollars saved by hits: the cost of every entry served from the cache");
            this.corrupt = Counter.builder(MetricNames.CORRUPT_ENTRIES).tag(MetricNames.NAMESPACE, namespace)
                    .description("Entries whose stored result could not be decompressed or did not match its ETag: answered as misses and removed")
                    .register(registry);
        }

        TypeMeters lookups(String cacheType) {
            String label = caps.cacheType(cacheType.isEmpty() ? MetricNames.UNKNOWN_CACHE_TYPE : cacheType);
            TypeMeters meters = types.get(label);
            return meters != null ? meters : types.computeIfAbsent(label, type -> new TypeMeters(namespace, type));
        }
    }

    private final class TypeMeters {

        final Counter hits;
        final Counter misses;

        TypeMeters(String namespace, String cacheType) {
            hits = counter(namespace, cacheType, "hit");
            misses = counter(namespace, cacheType, "miss");
        }

        private Counter counter(String namespace, String cacheType, String result) {
            return Counter.builder(MetricNames.LOOKUPS)
                    .tag(MetricNames.NAMESPACE, namespace).tag(MetricNames.CACHE_TYPE, cacheType)
                    .tag(MetricNames.RESULT, result)
                    .description("Lookups answered, by namespace, cache type (unknown for a miss by key) and result (hit or miss)")
                    .register(registry);
        }
    }
}
