package dev.llmcache.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

/**
 * Registers the eviction and migration counters at 0 for every policy and outcome at start-up, so
 * that their series exist (and rates are 0, not "no data") before the first eviction or migration.
 * The eviction and migration code increments them through {@link MetricNames}.
 */
@Component
class OperationMeters implements MeterBinder {

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String policy : MetricNames.EVICTION_POLICIES) {
            MetricNames.evictions(policy).register(registry);
            MetricNames.evictedBytes(policy).register(registry);
        }
        for (String outcome : MetricNames.MIGRATION_OUTCOMES) {
            MetricNames.migrationEntries(outcome).register(registry);
        }
    }
}
