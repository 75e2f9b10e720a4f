package dev.llmcache.storage;

import dev.llmcache.config.CacheProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} component {@code database}: whether the database answers, and how much
 * space it takes. SQLite: the file (and WAL) size and its free pages, which eviction gives back to
 * the file system; PostgreSQL: the database's and the cache tables' sizes. The disk holding
 * {@code cache.data-dir} is the {@code diskSpace} component.
 */
@Component
class DatabaseHealthIndicator extends AbstractHealthIndicator {

    private final JdbcClient read;
    private final DatabaseVendor vendor;
    private final CacheProperties cache;

    DatabaseHealthIndicator(@ReadOnly JdbcClient read, DatabaseVendor vendor, CacheProperties cache) {
        super("Database health check failed");
        this.read = read;
        this.vendor = vendor;
        this.cache = cache;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws IOException {
        builder.up().withDetail("vendor", vendor.name());
        if (vendor == DatabaseVendor.SQLITE) {
            Path file = DatabaseConfiguration.databaseFile(cache);
            Path wal = file.resolveSibling(file.getFileName() + "-wal");
            long pageSize = pragma("page_size");
            long freePages = pragma("freelist_count");
            builder.withDetail("file", file.toString())
                    .withDetail("fileBytes", Files.size(file))
                    .withDetail("walBytes", Files.exists(wal) ? Files.size(wal) : 0L)
                    .withDetail("pageSize", pageSize)
                    .withDetail("pages", pragma("page_count"))
                    .withDetail("freePages", freePages)
                    .withDetail("freeBytes", freePages * pageSize);
        } else {
            Map<String, Object> sizes = read.sql("""
                    SELECT pg_database_size(current_database()) AS database_bytes,
                        pg_total_relation_size('entries') AS entries_bytes,
                        pg_total_relation_size('entry_results') AS results_bytes
                    """).query().singleRow();
            builder.withDetail("databaseBytes", sizes.get("database_bytes"))
                    .withDetail("entriesBytes", sizes.get("entries_bytes"))
                    .withDetail("resultsBytes", sizes.get("results_bytes"));
        }
    }

    private long pragma(String name) {
        return read.sql("PRAGMA " + name).query(Long.class).single();
    }
}
