package dev.llmcache.storage;

import java.util.Map;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} component {@code database}: whether the database answers, and how much
 * space it takes. Every vendor shows {@code sizeOnDiskBytes} (what the cache's data takes on disk,
 * indices included) beside {@code compressedResultsBytes} and {@code resultsJsonBytes} (the results
 * alone, of all namespaces), so that the two are never mistaken for one another. SQLite adds the file
 * and WAL sizes and its free pages, which eviction gives back to the file system; PostgreSQL the
 * database's and the main tables' sizes. The disk holding {@code cache.data-dir} is the
 * {@code diskSpace} component.
 */
@Component
class DatabaseHealthIndicator extends AbstractHealthIndicator {

    /** The aggregates that triggers keep exact: no scan of the entries. */
    private static final String RESULT_BYTES = """
            SELECT coalesce(sum(stored_bytes), 0) AS stored, coalesce(sum(result_bytes), 0) AS json FROM type_stats
            """;

    private final DatabaseMaintenance database;
    private final JdbcClient read;

    DatabaseHealthIndicator(DatabaseMaintenance database, @ReadOnly JdbcClient read) {
        super("Database health check failed");
        this.database = database;
        this.read = read;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Map<String, Object> results = read.sql(RESULT_BYTES).query().singleRow();
        builder.up().withDetail("vendor", database.vendor().name())
                .withDetail("sizeOnDiskBytes", database.sizeOnDisk())
                .withDetail("compressedResultsBytes", ((Number) results.get("stored")).longValue())
                .withDetail("resultsJsonBytes", ((Number) results.get("json")).longValue())
                .withDetails(database.healthDetails());
    }
}
