package dev.llmcache.support;

import dev.llmcache.storage.DatabaseVendor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The test's own measure of what the database takes on disk, to hold the server's figures against:
 * SQLite's file and WAL as the file system sizes them, PostgreSQL's tables with their TOAST, maps and
 * indices (in the test's schema) as it sizes their files.
 */
public final class DiskUsage {

    private DiskUsage() {
    }

    public static long bytes(DatabaseVendor vendor, JdbcTemplate jdbc, Path dataDir) {
        if (vendor == DatabaseVendor.POSTGRESQL) {
            return jdbc.queryForObject("""
                    SELECT coalesce(sum(pg_table_size(c.oid) + pg_indexes_size(c.oid)), 0) FROM pg_class c
                    WHERE c.relkind = 'r' AND c.relnamespace = current_schema()::regnamespace
                    """, Long.class);
        }
        return size(dataDir.resolve("cache.db")) + size(dataDir.resolve("cache.db-wal"));
    }

    private static long size(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
