package dev.llmcache.eviction;

import dev.llmcache.storage.EntriesChanged;
import dev.llmcache.storage.ReadOnly;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.RowMapper;
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

    private static final RowMapper<Removed> REMOVED = (rs, n) -> new Removed(rs.getLong("stored_bytes"), rs.getDouble("eviction_priority"));

    private final JdbcClient write;
    private final JdbcClient read;
    private final ApplicationEventPublisher events;

    EvictionRepository(JdbcClient write, @ReadOnly JdbcClient read, ApplicationEventPublisher events) {
        this.write = write;
        this.read = read;
        this.events = events;
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
        return told(write.sql("""
                DELETE FROM entries WHERE (id, created_at) IN (
                    SELECT id, created_at FROM entries WHERE last_accessed_at < :idleBefore
                    ORDER BY last_accessed_at, id LIMIT :batch)
                RETURNING stored_bytes, eviction_priority
                """).param("idleBefore", idleBefore).param("batch", batch).query(REMOVED).list());
    }

    /**
     * Deletes the entries among the policy's next {@code batch} that are needed to remove
     * {@code needEntries} entries and {@code needBytes} bytes: each one goes while what went before
     * it falls short. The row's creation time is matched too, so that a row replaced since it was
     * chosen (a new result) is not deleted for its old self.
     */
    List<Removed> deleteChosen(EvictionPolicy policy, long idleBefore, long needEntries, long needBytes, int batch) {
        return told(write.sql("""
                DELETE FROM entries WHERE (id, created_at) IN (SELECT id, created_at FROM (%s) chosen)
                RETURNING stored_bytes, eviction_priority
                """.formatted(chosenSql(policy, idleBefore, false)))
                .params(chosenParams(idleBefore, null, needEntries, needBytes, batch)).query(REMOVED).list());
    }

    /** The entries deleted, after telling the in-memory copies of served entries that some went. */
    private List<Removed> told(List<Removed> deleted) {
        if (!deleted.isEmpty()) {
            events.publishEvent(EntriesChanged.any());
        }
        return deleted;
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
