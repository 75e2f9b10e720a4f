package dev.llmcache.ledger;

import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Writes the spend ledger. Every call joins the caller's transaction, so a write and the spend it
 * caused commit together; deletes, clears and eviction never touch it.
 */
@Repository
public class LedgerRepository {

    private static final String UPSERT = """
            INSERT INTO ledger AS l (namespace, month, provider, model, cache_type, spent_nanos, tokens, writes,
                hits, misses, saved_nanos, duplicate_nanos)
            VALUES (:namespace, :month, :provider, :model, :cacheType, :spent, :tokens, :writes, :hits, :misses, :saved,
                :duplicate)
            ON CONFLICT (namespace, month, provider, model, cache_type) DO UPDATE SET
                spent_nanos = l.spent_nanos + excluded.spent_nanos,
                tokens = l.tokens + excluded.tokens,
                writes = l.writes + excluded.writes,
                hits = l.hits + excluded.hits,
                misses = l.misses + excluded.misses,
                saved_nanos = l.saved_nanos + excluded.saved_nanos,
                duplicate_nanos = l.duplicate_nanos + excluded.duplicate_nanos
            """;

    private final JdbcClient write;
    private final NamedParameterJdbcTemplate batch;

    public LedgerRepository(JdbcClient write, NamedParameterJdbcTemplate batch) {
        this.write = write;
        this.batch = batch;
    }

    /** Records one stored result: its cost and tokens, in the month it was analysed. */
    public void recordWrite(LedgerKey key, long costNanos, long tokens) {
        recordWrites(key, costNanos, tokens, 1);
    }

    /**
     * Records one stored result that replaced an entry under the same key: its cost was paid twice,
     * so it counts as spend and as duplicate spend.
     */
    public void recordDuplicateWrite(LedgerKey key, long costNanos, long tokens) {
        write.sql(UPSERT).paramSource(params(key, costNanos, tokens, 1, LookupCounts.ZERO).addValue("duplicate", costNanos))
                .update();
    }

    /** Records several stored results of one ledger row at once (a batch of imported entries). */
    public void recordWrites(LedgerKey key, long costNanos, long tokens, long writes) {
        write.sql(UPSERT).paramSource(params(key, costNanos, tokens, writes, LookupCounts.ZERO)).update();
    }

    /** Adds a flush's worth of hits, misses and savings. */
    public void recordLookups(Map<LedgerKey, LookupCounts> counts) {
        batch.batchUpdate(UPSERT, counts.entrySet().stream()
                .map(e -> params(e.getKey(), 0, 0, 0, e.getValue()))
                .toArray(SqlParameterSource[]::new));
    }

    private static MapSqlParameterSource params(LedgerKey key, long spent, long tokens, long writes, LookupCounts lookups) {
        return new MapSqlParameterSource()
                .addValue("namespace", key.namespace())
                .addValue("month", key.month().toString())
                .addValue("provider", key.provider())
                .addValue("model", key.model())
                .addValue("cacheType", key.cacheType())
                .addValue("spent", spent)
                .addValue("tokens", tokens)
                .addValue("writes", writes)
                .addValue("hits", lookups.hits())
                .addValue("misses", lookups.misses())
                .addValue("saved", lookups.savedNanos())
                .addValue("duplicate", 0L);
    }
}
