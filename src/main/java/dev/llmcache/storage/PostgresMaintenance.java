package dev.llmcache.storage;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.provider.sql.DatabaseProduct;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * PostgreSQL writes in parallel and reclaims space with autovacuum, so bulk work needs no
 * etiquette; its sizes are the cache's tables and their indices, and locks use the database's clock
 * so that replicas' clocks need not agree.
 */
final class PostgresMaintenance implements DatabaseMaintenance {

    /** The cache's own tables (in the current schema); their total sizes include indices and TOAST. */
    private static final String SIZE_OF_TABLES = """
            SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class c
            WHERE c.relkind = 'r' AND c.relnamespace = current_schema()::regnamespace
            """;

    /**
     * The tables a bulk import writes: rows, results, names and the aggregates the triggers keep. A
     * bulk import leaves their B-tree indices about 70 % full (keys come in random order) and dead row
     * versions where the dictionaries' re-compression rewrote the first results.
     */
    private static final String COMPACT = "VACUUM (FULL, ANALYZE) entries, entry_results, names, type_stats, model_stats";

    private final JdbcClient read;
    private final JdbcOperations write;

    PostgresMaintenance(JdbcClient read, JdbcOperations write) {
        this.read = read;
        this.write = write;
    }

    @Override
    public DatabaseVendor vendor() {
        return DatabaseVendor.POSTGRESQL;
    }

    /** A consistent copy of a PostgreSQL database is pg_dump's job (or the server's own base backups). */
    @Override
    public Optional<BackupCopy> backupInto(Path target) {
        return Optional.empty();
    }

    @Override
    public void duringBulkWork(Runnable work) {
        work.run();
    }

    @Override
    public void checkpoint() {
        // PostgreSQL checkpoints by itself, off any writer's path.
    }

    @Override
    public boolean yieldWriter(long startedNanos) {
        return !Thread.currentThread().isInterrupted();
    }

    @Override
    public void reclaimFreePages() {
        // autovacuum makes deleted rows' space reusable; the files do not shrink without VACUUM FULL.
    }

    @Override
    public long sizeOnDisk() {
        return read.sql(SIZE_OF_TABLES).query(Long.class).single();
    }

    @Override
    public long settledSizeOnDisk() {
        return sizeOnDisk(); // what is committed is in the tables' files already (the WAL is the server's own)
    }

    @Override
    public void compact() {
        write.execute(COMPACT); // outside a transaction: the write pool's connections commit by themselves
    }

    @Override
    public Map<String, Object> healthDetails() {
        Map<String, Object> sizes = read.sql("""
                SELECT pg_database_size(current_database()) AS database_bytes,
                    pg_total_relation_size('entries') AS entries_bytes,
                    pg_total_relation_size('entry_results') AS results_bytes
                """).query().singleRow();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("databaseBytes", sizes.get("database_bytes"));
        details.put("entriesBytes", sizes.get("entries_bytes"));
        details.put("resultsBytes", sizes.get("results_bytes"));
        return details;
    }

    @Override
    public void configureLocks(JdbcTemplateLockProvider.Configuration.Builder configuration, JdbcTemplate jdbc) {
        configuration.withDatabaseProduct(DatabaseProduct.POSTGRES_SQL).usingDbTime();
    }
}
