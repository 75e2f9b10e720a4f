package dev.llmcache.storage;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} component {@code database}: whether the database answers, and how much
 * space it takes. SQLite: the file (and WAL) size and its free pages, which eviction gives back to
 * the file system; PostgreSQL: the database's and the cache tables' sizes. The disk holding
 * {@code cache.data-dir} is the {@code diskSpace} component.
 */
@Component
class DatabaseHealthIndicator extends AbstractHealthIndicator {

    private final DatabaseMaintenance database;

    DatabaseHealthIndicator(DatabaseMaintenance database) {
        super("Database health check failed");
        this.database = database;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        builder.up().withDetail("vendor", database.vendor().name()).withDetails(database.healthDetails());
    }
}
