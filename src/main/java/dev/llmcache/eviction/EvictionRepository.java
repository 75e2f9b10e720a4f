package dev.llmcache.eviction;

import dev.llmcache.storage.DatabaseVendor;
import dev.llmcache.storage.ReadOnly;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.StatementCallback;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Eviction's SQL. Which entries go is decided in SQL, a bounded batch at a time: the first
 * {@code batch} entries in the policy's order (an index scan), with running counts and byte sums
 * (window functions) to keep exactly those needed. A dry run selects what a real run deletes,
 * with the same statement.
 */
@Repository
class EvictionRepository {

    /** Pages (4 KiB) one incremental_vacuum step gives back, holding the writer only briefly. */
    static final int VACUUM_STEP_PAGES = 1_024;
    private static final int INCREMENTAL = 2;

    private static final RowMapper<Removed> REMOVED = (rs, n) -> new Removed(rs.getLong("stored_bytes"), rs.getDouble("eviction_priority"));

    private final JdbcClient write;
    private final JdbcClient read;
    private final JdbcOperations statements;
    private final DatabaseVendor vendor;

    EvictionRepository(JdbcClient write, @ReadOnly JdbcClient read, NamedParameterJdbcTemplate writeTemplate,
            DatabaseVendor vendor) {
        this.write = write;
        this.read = read;
        this.statements = writeTemplate.getJdbcOperations();
        this.vendor = vendor;
    }

    /** Entries and stored bytes across all namespaces. */
    record Totals(long entries, long bytes) {
    }

    /** One removed (or, dry, chosen) entry: its size and COST_AWARE priority. */
    record Removed(long storedBytes, double priority) {
    }

    /** Where a dry run goes on: after this entry in the policy's order. */
    record Cursor(Object sortKey, long id) {
    }

    /** A dry run's batch: the entries chosen and the cursor after the last of them. */
    record Chosen(List<Removed> entries, Cursor last) {
    }

    /** The totals the statistics triggers keep exact; on the writer when inside a run's transaction. */
    Totals totals(boolean onWriter) {
        return (onWriter ? write : read).sql("""
                SELECT coalesce(sum(entries), 0) AS entries, coalesce(sum(stored_bytes), 0) AS bytes FROM type_stats
                """).query((rs, n) -> new Totals(rs.getLong("entries"), rs.getLong("bytes"))).single();
    }

    /** Entries last accessed before the instant (epoch millis): how many and their stored bytes. */
    Totals idle(long idleBefore) {
        return read.sql("""
                SELECT count(*) AS entries, coalesce(sum(stored_bytes), 0) AS bytes FROM entries WHERE last_accessed_at < :idleBefore
                """).param("idleBefore", idleBefore)
                .query((rs, n) -> new Totals(rs.getLong("entries"), rs.getLong("bytes"))).single();
    }

    /** Deletes up to {@code batch} entries last accessed before the instant, least recent first. */
    List<Removed> deleteIdle(long idleBefore, int batch) {
        return write.sql("""
                DELETE FROM entries WHERE (id, created_at) IN (
                    SELECT id, created_at FROM entries WHERE last_accessed_at < :idleBefore
                    ORDER BY last_accessed_at, id LIMIT :batch)
                RETURNING stored_bytes, eviction_priority
                """).param("idleBefore", idleBefore).param("batch", batch).query(REMOVED).list();
    }

    /**
     * Deletes the entries among the policy's next {@code batch} that are needed to remove
     * {@code needEntries} entries and {@code needBytes} bytes: each one goes while what went before
     * it falls short. The row's creation time is matched too, so that a row replaced since it was
     * chosen (a new result) is not deleted for its old self.
     */
    List<Removed> deleteChosen(EvictionPolicy policy, long idleBefore, long needEntries, long needBytes, int batch) {
        return write.sql("""
                DELETE FROM entries WHERE (id, created_at) IN (SELECT id, created_at FROM (%s) chosen)
                RETURNING stored_bytes, eviction_priority
                """.formatted(chosenSql(policy, idleBefore, false)))
                .params(chosenParams(idleBefore, null, needEntries, needBytes, batch)).query(REMOVED).list();
    }

    /** What {@link #deleteChosen} would delete, after the cursor (a dry run deletes nothing to skip). */
    Chosen selectChosen(EvictionPolicy policy, long idleBefore, Cursor after, long needEntries, long needBytes, int batch) {
        List<Removed> entries = new ArrayList<>();
        Cursor[] last = {after};
        read.sql(chosenSql(policy, idleBefore, after != null) + " ORDER BY n")
                .params(chosenParams(idleBefore, after, needEntries, needBytes, batch))
                .query(rs -> {
                    entries.add(REMOVED.mapRow(rs, entries.size()));
                    last[0] = new Cursor(policy == EvictionPolicy.COST_AWARE ? rs.getDouble("sort_key") : rs.getLong("sort_key"),
                            rs.getLong("id"));
                });
        return new Chosen(entries, last[0]);
    }

    /** Raises COST_AWARE's inflation value L to the priority of the last entry evicted, never lowers it. */
    void raiseInflation(double priority) {
        write.sql("UPDATE eviction_state SET inflation = :priority WHERE id = 1 AND inflation < :priority")
                .param("priority", priority).update();
    }

    /**
     * SQLite's free pages, which {@link #vacuumStep} gives back to the file system; 0 on PostgreSQL
     * and on a SQLite file created without incremental auto-vacuum (there the pages are only reused).
     */
    long freePages() {
        if (vendor != DatabaseVendor.SQLITE || read.sql("PRAGMA auto_vacuum").query(Integer.class).single() != INCREMENTAL) {
            return 0;
        }
        return read.sql("PRAGMA freelist_count").query(Long.class).single();
    }

    /** Gives up to {@link #VACUUM_STEP_PAGES} free pages back (SQLite, auto_vacuum = INCREMENTAL). */
    void vacuumStep() {
        // Each step of this statement frees one page and "returns a row": only a plain
        // Statement.executeUpdate runs it to the end (execute() frees one page, a
        // PreparedStatement refuses it).
        statements.execute((StatementCallback<Integer>) statement ->
                statement.executeUpdate("PRAGMA incremental_vacuum(" + VACUUM_STEP_PAGES + ")"));
    }

    /**
     * SQLite: copies the WAL into the database file as far as readers allow (so the file shrinks
     * now), on a read connection: a checkpoint does not need the writer, and the writer stays free.
     */
    void checkpoint() {
        if (vendor == DatabaseVendor.SQLITE) {
            read.sql("PRAGMA wal_checkpoint(PASSIVE)").query().listOfRows();
        }
    }

    /**
     * SQLite: sets the writer connection's automatic checkpoint threshold (pages; 0 = off) and
     * answers the previous one; -1 on PostgreSQL. A checkpoint run by the writer at commit holds
     * the writer while it copies the WAL into the file; during a run, {@link #checkpoint} does it.
     */
    int autoCheckpoint(int pages) {
        if (vendor != DatabaseVendor.SQLITE) {
            return -1;
        }
        return statements.execute((ConnectionCallback<Integer>) connection -> {
            try (Statement statement = connection.createStatement()) {
                int previous;
                try (ResultSet current = statement.executeQuery("PRAGMA wal_autocheckpoint")) {
                    previous = current.next() ? current.getInt(1) : 1000;
                }
                statement.executeQuery("PRAGMA wal_autocheckpoint = " + pages).close();
                return previous;
            }
        });
    }

    private static String chosenSql(EvictionPolicy policy, long idleBefore, boolean afterCursor) {
        String column = policy.column();
        List<String> conditions = new ArrayList<>();
        if (idleBefore != Long.MIN_VALUE) {
            conditions.add("last_accessed_at >= :idleBefore");
        }
        if (afterCursor) {
            conditions.add("(%1$s %2$s :afterKey OR (%1$s = :afterKey AND id > :afterId))"
                    .formatted(column, policy.descending() ? "<" : ">"));
        }
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        return """
                SELECT id, created_at, stored_bytes, eviction_priority, sort_key, n FROM (
                    SELECT id, created_at, stored_bytes, eviction_priority, sort_key,
                        ROW_NUMBER() OVER w AS n, SUM(stored_bytes) OVER w AS running
                    FROM (SELECT id, created_at, stored_bytes, eviction_priority, %1$s AS sort_key FROM entries%2$s
                          ORDER BY %3$s LIMIT :batch) candidates
                    WINDOW w AS (ORDER BY %4$s ROWS UNBOUNDED PRECEDING)) ranked
                WHERE n <= :needEntries OR running - stored_bytes < :needBytes"""
                .formatted(column, where, policy.orderBy(column), policy.orderBy("sort_key"));
    }

    private static Map<String, Object> chosenParams(long idleBefore, Cursor after, long needEntries, long needBytes, int batch) {
        Map<String, Object> params = new HashMap<>();
        params.put("idleBefore", idleBefore);
        params.put("needEntries", needEntries);
        params.put("needBytes", needBytes);
        params.put("batch", batch);
        if (after != null) {
            params.put("afterKey", after.sortKey());
            params.put("afterId", after.id());
        }
        return params;
    }
}
