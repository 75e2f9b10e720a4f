package dev.llmcache.ledger;

import java.time.YearMonth;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
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
                hits, misses, saved_nanos, cached_input_tokens, cache_write_tokens, prompt_cache_saved_nanos, duplicate_nanos)
            VALUES (:namespace, :month, :provider, :model, :cacheType, :spent, :tokens, :writes, :hits, :misses, :saved,
                :cachedInputTokens, :cacheWriteTokens, :promptCacheSaved, :duplicate)
            ON CONFLICT (namespace, month, provider, model, cache_type) DO UPDATE SET
                spent_nanos = l.spent_nanos + excluded.spent_nanos,
                tokens = l.tokens + excluded.tokens,
                writes = l.writes + excluded.writes,
                hits = l.hits + excluded.hits,
                misses = l.misses + excluded.misses,
                saved_nanos = %s,
                cached_input_tokens = l.cached_input_tokens + excluded.cached_input_tokens,
                cache_write_tokens = l.cache_write_tokens + excluded.cache_write_tokens,
                prompt_cache_saved_nanos = l.prompt_cache_saved_nanos + excluded.prompt_cache_saved_nanos,
                duplicate_nanos = l.duplicate_nanos + excluded.duplicate_nanos
            """.formatted(Savings.clampedSql("l.saved_nanos", "excluded.saved_nanos"));

    private final JdbcClient write;
    private final NamedParameterJdbcTemplate batch;
    private final SpendChanges spendChanges;

    public LedgerRepository(JdbcClient write, NamedParameterJdbcTemplate batch, SpendChanges spendChanges) {
        this.write = write;
        this.batch = batch;
        this.spendChanges = spendChanges;
    }

    /** Records one stored result: its cost and tokens, in the month it was analysed. */
    public void recordWrite(LedgerKey key, long costNanos, long tokens) {
        recordWrites(key, WriteTotals.of(costNanos, tokens));
    }

    /**
     * Records one stored result that replaced an entry under the same key: its cost was paid twice,
     * so it counts as spend and as duplicate spend.
     */
    public void recordDuplicateWrite(LedgerKey key, long costNanos, long tokens) {
        recordWrites(key, WriteTotals.of(costNanos, tokens), costNanos);
    }

    /** Records several stored results of one ledger row at once (a batch of imported entries). */
    public void recordWrites(LedgerKey key, long costNanos, long tokens, long writes) {
        recordWrites(key, new WriteTotals(costNanos, tokens, writes, 0, 0, 0));
    }

    /** Records stored results of one ledger row (one write, or a batch of imported entries), prompt caching included. */
    public void recordWrites(LedgerKey key, WriteTotals totals) {
        recordWrites(key, totals, 0);
    }

    /** Records stored results of one ledger row, of which {@code duplicateNanos} were paid twice (they replaced an entry). */
    public void recordWrites(LedgerKey key, WriteTotals totals, long duplicateNanos) {
        GroupedWrites grouped = GroupedWrites.existing();
        if (grouped != null) {
            grouped.forgetWritten();
        }
        write.sql(UPSERT).paramSource(params(key, totals, LookupCounts.ZERO, duplicateNanos)).update();
        spendChanges.written();
    }

    /**
     * Records stored results of one ledger row as {@link #recordWrites(LedgerKey, WriteTotals, long)} does, but
     * summed with the other stores of the transaction and written once per row when it is flushed or else just
     * before it commits: a group of stores makes one upsert per row, not one per store. A store rolled back
     * to its savepoint takes its spend with it. Only where a failure of that upsert is not one store's failing
     * the others: SQLite, whose spend ceiling is checked before each store against these sums too
     * ({@link #monthSums}), and PostgreSQL's groups, which write them at their flush and, should it fail (an
     * overflow past the ceiling that another replica's stores made), run each store again alone, where the
     * upsert's error is its own ({@code storage.GroupCommit}).
     */
    public void recordWritesAtCommit(LedgerKey key, WriteTotals totals, long duplicateNanos) {
        GroupedWrites grouped = GroupedWrites.current(this);
        if (grouped == null || !grouped.add(key, totals, duplicateNanos)) {
            recordWrites(key, totals, duplicateNanos);
        }
    }

    /** Writes a transaction's grouped spend, one upsert per ledger row. */
    void writeGrouped(Map<LedgerKey, GroupedWrites.Row> rows) {
        if (rows.isEmpty()) {
            return;
        }
        // in the order of the key, as every replica's groups do, so that two of them never wait for each other in a circle
        batch.batchUpdate(UPSERT, rows.entrySet().stream().sorted(Map.Entry.comparingByKey(LedgerKey.ORDER))
                .map(e -> params(e.getKey(), e.getValue().totals(), LookupCounts.ZERO, e.getValue().duplicateNanos()))
                .toArray(SqlParameterSource[]::new));
        spendChanges.written();
    }

    /** A namespace's month so far: the sums of its ledger rows that a write adds to, in nano-dollars. */
    public record MonthSums(long spentNanos, long promptCacheSavedNanos) {
    }

    /**
     * The month's sums of a namespace, read on the writer (inside a write's transaction, they cannot move before
     * it commits on SQLite), with the spend its transaction has recorded to write at commit.
     */
    public MonthSums monthSums(String namespace, YearMonth month) {
        GroupedWrites grouped = GroupedWrites.existing();
        if (grouped == null) {
            return writtenMonthSums(namespace, month);
        }
        MonthSums written = grouped.written(namespace, month, () -> writtenMonthSums(namespace, month));
        MonthSums pending = grouped.pending(namespace, month);
        // spend and savings are never negative: past a long's range a sum stands at its largest value,
        // which no further cost fits beside (the saturating addition savings already use)
        return new MonthSums(Savings.add(written.spentNanos(), pending.spentNanos()),
                Savings.add(written.promptCacheSavedNanos(), pending.promptCacheSavedNanos()));
    }

    private MonthSums writtenMonthSums(String namespace, YearMonth month) {
        return write.sql("""
                SELECT coalesce(sum(spent_nanos), 0) AS spent, coalesce(sum(prompt_cache_saved_nanos), 0) AS saved
                FROM ledger WHERE namespace = :namespace AND month = :month
                """).param("namespace", namespace).param("month", month.toString())
                .query((rs, n) -> new MonthSums(rs.getLong("spent"), rs.getLong("saved"))).single();
    }

    /**
     * Adds a flush's worth of hits, misses and savings; a row's savings stop at {@link Savings#MAX_NANOS}
     * (the hits and misses are added all the same). Answers the rows of the flush that added savings and
     * now stand at that ceiling, so that the caller can say so.
     */
    public Set<LedgerKey> recordLookups(Map<LedgerKey, LookupCounts> counts) {
        batch.batchUpdate(UPSERT, counts.entrySet().stream().sorted(Map.Entry.comparingByKey(LedgerKey.ORDER))
                .map(e -> params(e.getKey(), WriteTotals.ZERO, e.getValue(), 0))
                .toArray(SqlParameterSource[]::new));
        Set<LedgerKey> saving = counts.entrySet().stream().filter(e -> e.getValue().savedNanos() > 0)
                .map(Map.Entry::getKey).collect(Collectors.toSet());
        if (saving.isEmpty()) {
            return Set.of();
        }
        // by the primary key's leading columns: a few rows, whatever the size of the ledger
        return write.sql("""
                SELECT namespace, month, provider, model, cache_type FROM ledger
                WHERE namespace IN (:namespaces) AND month IN (:months) AND saved_nanos = :max
                """).param("namespaces", saving.stream().map(LedgerKey::namespace).distinct().toList())
                .param("months", saving.stream().map(key -> key.month().toString()).distinct().toList())
                .param("max", Savings.MAX_NANOS)
                .query((rs, n) -> new LedgerKey(rs.getString(1), YearMonth.parse(rs.getString(2)), rs.getString(3),
                        rs.getString(4), rs.getString(5)))
                .list().stream().filter(saving::contains).collect(Collectors.toSet());
    }

    private static SqlParameterSource params(LedgerKey key, WriteTotals writes, LookupCounts lookups, long duplicateNanos) {
        return new MapSqlParameterSource()
                .addValue("namespace", key.namespace())
                .addValue("month", key.month().toString())
                .addValue("provider", key.provider())
                .addValue("model", key.model())
                .addValue("cacheType", key.cacheType())
                .addValue("spent", writes.costNanos())
                .addValue("tokens", writes.tokens())
                .addValue("writes", writes.writes())
                .addValue("cachedInputTokens", writes.cachedInputTokens())
                .addValue("cacheWriteTokens", writes.cacheWriteTokens())
                .addValue("promptCacheSaved", writes.promptCacheSavedNanos())
                .addValue("hits", lookups.hits())
                .addValue("misses", lookups.misses())
                .addValue("saved", lookups.savedNanos())
                .addValue("duplicate", duplicateNanos);
    }
}
