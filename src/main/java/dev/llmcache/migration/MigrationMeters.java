package dev.llmcache.migration;

import dev.llmcache.metrics.MetricNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * Counts {@code llmcache_migration_entries_total} by outcome, once per stored batch, when the outcome of
 * each file is known; dry runs store nothing and count nothing.
 */
@Component
class MigrationMeters {

    private final Counter migrated;
    private final Counter failed;
    private final Counter skipped;

    MigrationMeters(MeterRegistry registry) {
        migrated = MetricNames.migrationEntries("migrated").register(registry);
        failed = MetricNames.migrationEntries("failed").register(registry);
        skipped = MetricNames.migrationEntries("skipped").register(registry);
    }

    void record(long migratedFiles, long failedFiles, long skippedFiles) {
        migrated.increment(migratedFiles);
        failed.increment(failedFiles);
        skipped.increment(skippedFiles);
    }
}
