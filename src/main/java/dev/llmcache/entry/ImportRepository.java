package dev.llmcache.entry;

import dev.llmcache.storage.ReadOnly;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Bulk writes for imports: many entries per statement, in the caller's transaction, which is what
 * makes a legacy-cache import fast; and the reads an import needs to tell what is already stored.
 */
@Repository
public class ImportRepository {

    /** The same for the multi-row insert, from the row's cost and stored bytes (two more parameters). */
    private static final String NEW_ROW_PRIORITY = CostAwarePriority.sql("0", "?", "?");
    /** Rows per multi-row insert: 23 parameters each stays far below SQLite's and PostgreSQL's limits. */
    private static final int ROWS_PER_INSERT = 500;
    private static final String INSERT_COLUMNS = """
            namespace, cache_key, legacy_key, cache_type, repo_path, file_path, file_hash, provider, model,
            prompt_hash, schema_version, tokens_used, input_tokens, output_tokens, cost_nanos, file_size,
            result_bytes, stored_bytes, result_etag, created_at, last_accessed_at, access_count, eviction_priority""";

    private final JdbcClient write;
    private final JdbcClient read;
    private final JdbcTemplate batch;

    public ImportRepository(JdbcClient write, @ReadOnly JdbcClient read, NamedParameterJdbcTemplate batch) {
        this.write = write;
        this.read = read;
        this.batch = batch.getJdbcTemplate();
    }

    /** Which of the given cache keys are stored in the namespace (a dry-run import's "already there"). */
    public Set<String> existingKeys(String namespace, Collection<String> cacheKeys) {
        if (cacheKeys.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(read.sql("SELECT cache_key FROM entries WHERE namespace = :namespace AND cache_key IN (:keys)")
                .param("namespace", namespace).param("keys", cacheKeys).query(String.class).list());
    }

    /**
     * Inserts the entries whose keys are not there yet, with their results, in the caller's transaction:
     * a few multi-row statements rather than two per entry, which is what makes an import fast. The keys
     * must be distinct. Answers the keys inserted; on PostgreSQL that is exact even while other writers
     * insert the same keys, as each row's conflict is decided by the database.
     *
     * @param costNanos the cost of each entry, in the same order
     */
    public Set<String> insertAllIfAbsent(List<NewEntry> entries, long[] costNanos) {
        Map<String, Long> inserted = new HashMap<>();
        if (entries.isEmpty()) {
            return Set.of();
        }
        for (int from = 0; from < entries.size(); from += ROWS_PER_INSERT) {
            int to = Math.min(entries.size(), from + ROWS_PER_INSERT);
            List<Object> params = new ArrayList<>((to - from) * 23);
            for (int i = from; i < to; i++) {
                addRow(params, entries.get(i), costNanos[i]);
            }
            String rows = String.join(", ", Collections.nCopies(to - from,
                    "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, " + NEW_ROW_PRIORITY + ")"));
            write.sql("INSERT INTO entries (" + INSERT_COLUMNS + ") VALUES " + rows
                            + " ON CONFLICT (namespace, cache_key) DO NOTHING RETURNING id, cache_key")
                    .params(params)
                    .query((rs, n) -> inserted.put(rs.getString("cache_key"), rs.getLong("id")))
                    .list();
        }
        List<Object[]> results = new ArrayList<>(inserted.size());
        for (NewEntry entry : entries) {
            Long id = inserted.get(entry.cacheKey());
            if (id != null) {
                results.add(new Object[] {id, entry.result().frame()});
            }
        }
        if (!results.isEmpty()) {
            batch.batchUpdate("INSERT INTO entry_results (entry_id, result) VALUES (?, ?)", results);
        }
        return inserted.keySet();
    }

    /** Gives each entry already stored without a legacy key the one its import found (in the caller's transaction). */
    public void adoptLegacyKeys(List<NewEntry> imported) {
        if (imported.isEmpty()) {
            return;
        }
        batch.batchUpdate("""
                UPDATE entries SET legacy_key = ?
                WHERE namespace = ? AND cache_key = ? AND legacy_key IS NULL
                """, imported.stream()
                .map(entry -> new Object[] {entry.legacyKey(), entry.namespace(), entry.cacheKey()}).toList());
    }

    private static void addRow(List<Object> params, NewEntry entry, long costNanos) {
        KeyFactors factors = entry.factors();
        EncodedResult result = entry.result();
        long createdAt = entry.createdAt().toEpochMilli();
        Collections.addAll(params, entry.namespace(), factors.cacheKey(), entry.legacyKey(), factors.cacheType(),
                entry.repoPath(), entry.filePath(), factors.fileHash(), entry.provider(), factors.model(),
                factors.promptHash(), factors.schemaVersion(), entry.tokensUsed(), entry.inputTokens(),
                entry.outputTokens(), costNanos, entry.fileSize(), result.resultBytes(), result.storedBytes(),
                result.etag(), createdAt, createdAt, costNanos, result.storedBytes());
    }
}
