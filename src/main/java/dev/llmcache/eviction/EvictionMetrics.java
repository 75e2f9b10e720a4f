package dev.llmcache.eviction;

import dev.llmcache.metrics.MetricNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Counts what real runs remove, by policy: {@code llmcache_evictions_total} and
 * {@code llmcache_evicted_bytes_total}, with the names and descriptions of {@link MetricNames}.
 */
@Component
class EvictionMetrics {

    private final Map<EvictionPolicy, Counter> evictions = new EnumMap<>(EvictionPolicy.class);
    private final Map<EvictionPolicy, Counter> evictedBytes = new EnumMap<>(EvictionPolicy.class);

    EvictionMetrics(MeterRegistry registry) {
        for (EvictionPolicy policy : EvictionPolicy.values()) {
            evictions.put(policy, MetricNames.evictions(policy.name()).register(registry));
            evictedBytes.put(policy, MetricNames.evictedBytes(policy.name()).register(registry));
        }
    }

    /** Counts what a real run removed; dry runs remove nothing and are not counted. */
    void removed(EvictionPolicy policy, long entries, long bytes) {
        if (entries > 0) {
            evictions.get(policy).increment(entries);
            evictedBytes.get(policy).increment(bytes);
        }
    }
}
