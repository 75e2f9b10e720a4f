package dev.llmcache.entry;

import dev.llmcache.storage.EntriesChanged;
import dev.llmcache.storage.ReadOnly;
import dev.llmcache.support.Hex;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
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
    private final Names names;
    private final ApplicationEventPublisher events;

    public ImportRepository(JdbcClient write, @ReadOnly JdbcClient read, NamedParameterJdbcTemplate batch, Names names,
            ApplicationEventPublisher events) {
        this.write = write;
        this.read = read;
        this.batch = batch.getJdbcTemplate();
        this.names = names;
        this.events = events;
    }

    /** Whether the database holds any entry, in any namespace (a migration into an empty one is a first import). */
    public boolean holdsEntries() {
        return read.sql("SELECT count(*) FROM (SELECT 1 FROM entries LIMIT 1) AS one").query(Integer.class).single() > 0;
    }

    /** Which of the given cache keys are stored in the namespace (a dry-run import's "already there"). */
    public Set<String> existingKeys(String namespace, Collection<String> cacheKeys) {
        Optional<Long> namespaceId = names.find(namespace);
        if (cacheKeys.isEmpty() || namespaceId.isEmpty()) {
            return Set.of();
        }
        return read.sql("SELECT cache_key FROM entries WHERE namespace_id = :namespace AND cache_key IN (:keys)")
                .param("namespace", namespaceId.get()).param("keys", cacheKeys.stream().map(Hex::bytes).toList())
                .query((rs, n) -> Hex.text(rs.getBytes("cache_key"))).stream().collect(Collectors.toSet());
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
        // inserts only, no EntriesChanged: no stored entry, nor so any copy of one, changes
        Map<String, Long> inserted = new HashMap<>();
        if (entries.isEmpty()) {
            return Set.of();
        }
        Set<String> batchNames = new LinkedHashSet<>();
        entries.forEach(entry -> batchNames.addAll(EntryColumns.namesOf(entry)));
        Map<String, Long> ids = names.idsOf(batchNames);
        for (int from = 0; from < entries.size(); from += ROWS_PER_INSERT) {
            int to = Math.min(entries.size(), from + ROWS_PER_INSERT);
            List<Object> params = EntryColumns.newValues(to - from);
            for (int i = from; i < to; i++) {
                EntryColumns.addValues(params, new EntryColumns.Row(entries.get(i), costNanos[i], ids));
            }
            String rows = String.join(", ", Collections.nCopies(to - from, "(" + EntryColumns.positionalValues() + ")"));
            write.sql("INSERT INTO entries (" + EntryColumns.names() + ") VALUES " + rows
                            + " ON CONFLICT (namespace_id, cache_key) DO NOTHING RETURNING id, cache_key")
                    .params(params)
                    .query((rs, n) -> inserted.put(Hex.text(rs.getBytes("cache_key")), rs.getLong("id")))
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
        Map<String, Long> ids = names.idsOf(imported.stream().map(NewEntry::namespace).distinct().toList());
        batch.batchUpdate("""
                UPDATE entries SET legacy_key = ?
                WHERE namespace_id = ? AND cache_key = ? AND legacy_key IS NULL
                """, imported.stream().map(entry -> new Object[] {Hex.bytes(entry.legacyKey()), ids.get(entry.namespace()),
                Hex.bytes(entry.cacheKey())}).toList());
        events.publishEvent(EntriesChanged.any()); // the entries' metadata: their legacy key
    }
}
