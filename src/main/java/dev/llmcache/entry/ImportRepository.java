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

    /** Rows per multi-row insert: two dozen parameters each stays far below SQLite's and PostgreSQL's limits. */
    private static final int ROWS_PER_INSERT = 500;

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
            List<Object> params = EntryColumns.newValues(to - from);
            for (int i = from; i < to; i++) {
                EntryColumns.addValues(params, entries.get(i), costNanos[i]);
            }
            String rows = String.join(", ", Collections.nCopies(to - from, "(" + EntryColumns.positionalValues() + ")"));
            write.sql("INSERT INTO entries (" + EntryColumns.names() + ") VALUES " + rows
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
}
