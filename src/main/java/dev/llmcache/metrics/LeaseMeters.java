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

    private static final String DEFAULT_NAMESPACE = "default";

    private final MeterRegistry registry;
    private final LabelCaps caps;
    private final ConcurrentMap<String, Counter> counters = new ConcurrentHashMap<>();

    LeaseMeters(MeterRegistry registry, LabelCaps caps) {
        this.registry = registry;
        this.caps = caps;
        // the families exist from start-up, at 0 in the default namespace, like the eviction counters
        MetricNames.LEASE_OUTCOMES.forEach(outcome -> counter(MetricNames.LEASES, caps.namespace(DEFAULT_NAMESPACE), outcome));
        MetricNames.LEASE_WAIT_OUTCOMES.forEach(outcome -> counter(MetricNames.LEASE_WAITS, caps.namespace(DEFAULT_NAMESPACE), outcome));
    }

    @Override
    public void leaseOutcome(String namespace, String outcome) {
        counter(MetricNames.LEASES, caps.namespace(namespace), outcome).increment();
    }

    @Override
    public void waitOutcome(String namespace, String outcome) {
        counter(MetricNames.LEASE_WAITS, caps.namespace(namespace), outcome).increment();
    }

    private Counter counter(String name, String namespace, String outcome) {
        return counters.computeIfAbsent(name + '|' + namespace + '|' + outcome, key -> Counter.builder(name)
                .tag(MetricNames.NAMESPACE, namespace).tag(MetricNames.OUTCOME, outcome)
                .description(name.equals(MetricNames.LEASES)
                        ? "Miss leases by outcome: granted, stored (ended by a store), released by their holder, expired"
                        : "Lookups that waited on a lease, by how the wait ended: hit, took_over (a new lease), timed_out")
                .register(registry));
    }
}
