package dev.llmcache.entry;

import dev.llmcache.storage.ReadOnly;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The entries and their compressed results. Reads go to the read pool and never wait for the
 * writer; writes go through the single writer connection, inside the caller's transaction.
 */
@Repository
public class EntryRepository {

    private final JdbcClient write;
    private final JdbcClient read;

    public EntryRepository(JdbcClient write, @ReadOnly JdbcClient read) {
        this.write = write;
        this.read = read;
    }

    /** The entry with its result, by cache key (then legacy key) or, for a 32-hex key, legacy key. */
    public Optional<StoredEntry> find(String namespace, EntryKey key) {
        return find(namespace, key, true);
    }

    /** As {@link #find}, without reading the result. */
    public Optional<StoredEntry> findHead(String namespace, EntryKey key) {
        return find(namespace, key, false);
    }

    private Optional<StoredEntry> find(String namespace, EntryKey key, boolean withResult) {
        Optional<StoredEntry> found = key.isLegacyOnly() ? Optional.empty() : select(namespace, "cache_key", key.value(), withResult);
        return found.isPresent() ? found : select(namespace, "legacy_key", key.value(), withResult);
    }

    private Optional<StoredEntry> select(String namespace, String keyColumn, String key, boolean withResult) {
        String sql = withResult ? """
                SELECT %s, r.result FROM entries e JOIN entry_results r ON r.entry_id = e.id
                WHERE e.namespace = :namespace AND e.%s = :key
                """ : """
                SELECT %s FROM entries e WHERE e.namespace = :namespace AND e.%s = :key
                """;
        return read.sql(sql.formatted(EntryColumns.SELECTED, keyColumn))
                .param("namespace", namespace).param("key", key)
                .query(withResult ? EntryRows.WITH_RESULT : EntryRows.HEAD)
                .optional();
    }

    /** The entries with their results among the given cache keys, for batch lookups. */
    public List<StoredEntry> findAllByCacheKey(String namespace, Collection<String> cacheKeys) {
        return read.sql("""
                SELECT %s, r.result FROM entries e JOIN entry_results r ON r.entry_id = e.id
                WHERE e.namespace = :namespace AND e.cache_key IN (:keys)
                """.formatted(EntryColumns.SELECTED))
                .param("namespace", namespace).param("keys", cacheKeys)
                .query(EntryRows.WITH_RESULT).list();
    }

    /** A page of metadata, newest first, after the cursor. */
    public EntryPage list(String namespace, EntryFilter filter, EntryCursor after, int limit) {
        String sql = """
                SELECT %s FROM entries e
                WHERE e.namespace = :namespace%s%s
                ORDER BY e.created_at DESC, e.id DESC
                LIMIT :limit
                """.formatted(EntryColumns.SELECTED, filter.sqlConditions(),
                after == null ? "" : " AND (e.created_at < :afterCreatedAt OR (e.created_at = :afterCreatedAt AND e.id < :afterId))");
        Map<String, Object> params = new HashMap<>(filter.columns());
        params.put("namespace", namespace);
        params.put("limit", limit + 1);
        if (after != null) {
            params.put("afterCreatedAt", after.createdAt());
            params.put("afterId", after.id());
        }
        List<Map.Entry<EntryCursor, EntryMetadata>> rows = read.sql(sql).params(params)
                .query((rs, n) -> Map.entry(EntryRows.CURSOR.mapRow(rs, n), EntryRows.METADATA.mapRow(rs, n)))
                .list();
        boolean more = rows.size() > limit;
        List<Map.Entry<EntryCursor, EntryMetadata>> page = more ? rows.subList(0, limit) : rows;
        return new EntryPage(page.stream().map(Map.Entry::getValue).toList(),
                more ? page.get(page.size() - 1).getKey() : null);
    }

    /** Inserts an entry unless its key exists; the new row's id, or empty when it existed. */
    public Optional<Long> insertIfAbsent(NewEntry entry, long costNanos) {
        Optional<Long> id = write.sql("""
                INSERT INTO entries (%s) VALUES (%s)
                ON CONFLICT (namespace, cache_key) DO NOTHING
                RETURNING id
                """.formatted(EntryColumns.names(), EntryColumns.namedValues()))
                .params(EntryColumns.params(entry, costNanos)).query(Long.class).optional();
        id.ifPresent(rowId -> insertResult(rowId, entry.result()));
        return id;
    }

    /**
     * Replaces the entry under the same key with a new result: a new analysis, so its creation
     * time is now and its access count starts again. Empty when there is no such entry.
     */
    public Optional<Replaced> replace(NewEntry entry, long costNanos) {
        Optional<Replaced> replaced = write.sql("""
                UPDATE entries SET %s
                WHERE namespace = :namespace AND cache_key = :cache_key
                RETURNING id, legacy_key
                """.formatted(EntryColumns.assignments())).params(EntryColumns.params(entry, costNanos))
                .query((rs, n) -> new Replaced(rs.getLong("id"), rs.getString("legacy_key"))).optional();
        replaced.ifPresent(row -> write.sql("UPDATE entry_results SET result = :result WHERE entry_id = :id")
                .param("result", entry.result().frame()).param("id", row.id()).update());
        return replaced;
    }

    /** The row a replace updated, and the legacy key it keeps (null when none). */
    public record Replaced(long id, String legacyKey) {
    }

    private void insertResult(long id, EncodedResult result) {
        write.sql("INSERT INTO entry_results (entry_id, result) VALUES (:id, :result)")
                .param("id", id).param("result", result.frame()).update();
    }

    /** Deletes one entry by key; false when there was none. */
    public boolean delete(String namespace, EntryKey key) {
        String sql = "DELETE FROM entries WHERE namespace = :namespace AND %s = :key";
        int deleted = key.isLegacyOnly() ? 0
                : write.sql(sql.formatted("cache_key")).param("namespace", namespace).param("key", key.value()).update();
        if (deleted == 0) {
            deleted = write.sql(sql.formatted("legacy_key")).param("namespace", namespace).param("key", key.value()).update();
        }
        return deleted > 0;
    }

    /** Deletes up to {@code batch} entries matching the filter; the number deleted. */
    public int deleteBatch(String namespace, EntryFilter filter, int batch) {
        Map<String, Object> params = new HashMap<>(filter.columns());
        params.put("namespace", namespace);
        params.put("batch", batch);
        return write.sql("""
                DELETE FROM entries WHERE id IN (
                    SELECT id FROM entries WHERE namespace = :namespace%s LIMIT :batch)
                """.formatted(filter.sqlConditions())).params(params).update();
    }
}
