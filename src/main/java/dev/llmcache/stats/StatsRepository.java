package dev.llmcache.stats;

import dev.llmcache.ledger.Savings;
import dev.llmcache.pricing.Money;
import dev.llmcache.storage.ReadOnly;
import java.math.BigDecimal;
import java.util.List;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads the aggregate tables that triggers keep exact (their names from the names dictionary); never the entries table. */
@Repository
public class StatsRepository {

    private static final RowMapper<TypeStats> TYPE = (rs, n) -> new TypeStats(rs.getString("cache_type"),
            rs.getLong("entries"), rs.getLong("tokens"), rs.getLong("cost_nanos"), rs.getLong("file_size"),
            rs.getLong("result_bytes"), rs.getLong("stored_bytes"), rs.getLong("hits"), rs.getLong("misses"),
            rs.getLong("saved_nanos"));

    private static final RowMapper<ModelStats> MODEL = (rs, n) -> new ModelStats(rs.getString("provider"),
            rs.getString("model"), rs.getLong("entries"), rs.getLong("tokens"), rs.getLong("cost_nanos"));

    private static final RowMapper<StatsReport.PromptCache> PROMPT_CACHE = (rs, n) -> new StatsReport.PromptCache(
            rs.getLong("cached_input_tokens"), rs.getLong("cache_write_tokens"),
            exactUsd(rs.getLong("saved_usd"), rs.getLong("saved_rest")));

    private final JdbcClient read;

    StatsRepository(@ReadOnly JdbcClient read) {
        this.read = read;
    }

    List<TypeStats> byType(String namespace) {
        return read.sql("""
                SELECT c.name AS cache_type, t.entries, t.tokens, t.cost_nanos, t.file_size, t.result_bytes, t.stored_bytes,
                    t.hits, t.misses, t.saved_nanos
                FROM type_stats t JOIN names n ON n.id = t.namespace_id JOIN names c ON c.id = t.cache_type_id
                WHERE n.name = :namespace ORDER BY c.name
                """).param("namespace", namespace).query(TYPE).list();
    }

    /** Entries, result bytes and stored bytes of the namespace's results whose frame has a dictionary. */
    long[] withDictionary(String namespace) {
        return read.sql("""
                SELECT coalesce(sum(t.dict_entries), 0) AS entries, coalesce(sum(t.dict_result_bytes), 0) AS result_bytes,
                    coalesce(sum(t.dict_stored_bytes), 0) AS stored_bytes
                FROM type_stats t JOIN names n ON n.id = t.namespace_id
                WHERE n.name = :namespace
                """).param("namespace", namespace)
                .query((rs, n) -> new long[] {rs.getLong("entries"), rs.getLong("result_bytes"), rs.getLong("stored_bytes")})
                .single();
    }

    /** The ledger's prompt-cache figures of the namespace, every month added up (a few rows per month and model). */
    StatsReport.PromptCache promptCache(String namespace) {
        return read.sql("""
                SELECT coalesce(sum(cached_input_tokens), 0) AS cached_input_tokens,
                    coalesce(sum(cache_write_tokens), 0) AS cache_write_tokens,
                    %s
                FROM ledger WHERE namespace = :namespace
                """.formatted(Savings.partsSql("prompt_cache_saved_nanos", "saved"))).param("namespace", namespace).query(PROMPT_CACHE).optional().orElse(StatsReport.PromptCache.NONE);
    }

    List<ModelStats> byModel(String namespace) {
        return read.sql("""
                SELECT p.name AS provider, mo.name AS model, m.entries, m.tokens, m.cost_nanos
                FROM model_stats m JOIN names n ON n.id = m.namespace_id JOIN names p ON p.id = m.provider_id
                    JOIN names mo ON mo.id = m.model_id
                WHERE n.name = :namespace AND m.entries > 0 ORDER BY p.name, mo.name
                """).param("namespace", namespace).query(MODEL).list();
    }

    /** The namespace's duplicate spend since the ledger began, in dollars, from the ledger (one row per month and model). */
    BigDecimal duplicateUsd(String namespace) {
        return read.sql("SELECT " + Savings.partsSql("duplicate_nanos", "duplicate") + " FROM ledger WHERE namespace = :namespace")
                .param("namespace", namespace)
                .query((rs, n) -> exactUsd(rs.getLong("duplicate_usd"), rs.getLong("duplicate_rest"))).single();
    }

    /**
     * Dollars from a sum taken in two parts: the spend ceiling bounds each month's sums, not the sum of
     * every month, so sums over months are taken in parts that cannot overflow (SQLite's sum would fail,
     * PostgreSQL's would not fit a long) and put together exactly (no rows: both parts are null, 0).
     */
    private static BigDecimal exactUsd(long wholeUsd, long remainderNanos) {
        return BigDecimal.valueOf(wholeUsd).add(Money.usd(remainderNanos));
    }
}
