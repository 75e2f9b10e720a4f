package dev.llmcache.metrics;

import dev.llmcache.lease.LeaseObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.stereotype.Component;

/**
 * Counts leases by outcome ({@code llmcache_leases_total}: granted, stored, released, expired) and
 * the ends of waits on them ({@code llmcache_lease_waits_total}: hit, took_over, timed_out).
 */
@Component
class LeaseMeters implements LeaseObserver {

    private final MeterRegistry registry;
    private final ConcurrentMap<String, Counter> counters = new ConcurrentHashMap<>();

    LeaseMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void leaseOutcome(String namespace, String outcome) {
        counters.computeIfAbsent(MetricNames.LEASES + '|' + namespace + '|' + outcome, key -> Counter.builder(MetricNames.LEASES)
                .tag(MetricNames.NAMESPACE, namespace).tag(MetricNames.OUTCOME, outcome)
                .description("Miss leases by outcome: granted, stored (ended by a store), released by their holder, expired")
                .register(registry)).increment();
    }

    @Override
    public void waitOutcome(String namespace, String outcome) {
        counters.computeIfAbsent(MetricNames.LEASE_WAITS + '|' + namespace + '|' + outcome, key -> Counter.builder(MetricNames.LEASE_WAITS)
                .tag(MetricNames.NAMESPACE, namespace).tag(MetricNames.OUTCOME, outcome)
                .description("Lookups that waited on a lease, by how the wait ended: hit, took_over (a new lease), timed_out")
                .register(registry)).increment();
    }
}
