package dev.llmcache.eviction;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * {@code llmcache_evictions_total} and {@code llmcache_evicted_bytes_total} by policy, registered
 * up front so that every policy shows 0 before its first run.
 */
@Component
class EvictionMetrics {

    private final Map<EvictionPolicy, Counter> evictions = new EnumMap<>(EvictionPolicy.class);
    private final Map<EvictionPolicy, Counter> evictedBytes = new EnumMap<>(EvictionPolicy.class);

    EvictionMetrics(MeterRegistry registry) {
        for (EvictionPolicy policy : EvictionPolicy.values()) {
            evictions.put(policy, Counter.builder("llmcache.evictions").tag("policy", policy.name())
                    .description("Entries removed by eviction (runs with a limit, on schedule or requested)")
                    .register(registry));
            evictedBytes.put(policy, Counter.builder("llmcache.evicted.bytes").tag("policy", policy.name())
                    .description("Stored (compressed) bytes of the entries removed by eviction")
                    .register(registry));
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
