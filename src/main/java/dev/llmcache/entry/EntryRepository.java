package dev.llmcache.entry;

import dev.llmcache.storage.DatabaseVendor;
import dev.llmcache.storage.EntriesChanged;
import dev.llmcache.storage.ReadOnly;
import dev.llmcache.support.Hex;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The entries and their compressed results. Reads go to the read pool and never wait for the
 * writer; writes go through the single writer connection, inside the caller's transaction. Keys
 * are bytes in the database and hex here; names are ids in the database ({@link Names}). A lookup by
 * key answers from the {@link HotEntries} when they hold the entry; every write tells them
 * ({@link EntriesChanged}).
 */
@Repository
public class EntryRepository {

    /**
     * A lookup by key: its cache key and its legacy key (a legacy key may have 64 hex digits too)
     * in one statement, each arm through its own index. One statement, not two: a miss tried both
     * in turn, and each execution of a statement has a fixed cost on SQLite (sqlite-jdbc reads the
     * 28 column names anew each time); the second was 13 % of a miss's CPU in the load benchmark's
     * profile.
     */
    private static final String BY_KEY = byKey("e.cache_key = :key") + " UNION ALL " + byKey("e.legacy_key = :key");
    private static final String BY_LEGACY_KEY = byKey("e.legacy_key = :key");

    private final JdbcClient write;
    private final JdbcClient read;
    private final Names names;
    private final DatabaseVendor vendor;
    private final HotEntries hot;
    private final ApplicationEventPublisher events;
    private final String findAllSql;

    public EntryRepository(JdbcClient write, @ReadOnly JdbcClient read, Names names, DatabaseVendor vendor, HotEntries hot,
            ApplicationEventPublisher events) {
        this.write = write;
        this.read = read;
        this.vendor = vendor;
        this.hot = hot;
        this.events = events;
        this.findAllSql = findAllSql(vendor);
        this.names = names;
    }

    /** The entry with its result, by cache key (then legacy key) or, for a 32-hex key, legacy key. */
    public Optional<StoredEntry> find(String namespace, EntryKey key) {
        StoredEntry copy = hot.find(namespace, key);
        if (copy != null) {
            return Optional.of(copy);
        }
        HotEntries.Stamp stamp = hot.stamp();
        Optional<Long> namespaceId = names.find(namespace);
        if (namespaceId.isEmpty()) {
            return Optional.empty();
        }
        byte[] bytes = Hex.bytes(key.value());
        Optional<EntryRows.Row> found = read.sql(key.isLegacyOnly() ? BY_LEGACY_KEY : BY_KEY).param("namespace", namespaceId.get())
                .param("key", bytes).query((ResultSetExtractor<Optional<EntryRows.Row>>) rs -> cacheKeyFirst(rs, EntryRows.WITH_RESULT, bytes));
        Optional<StoredEntry> entry = found.map(row -> EntryRows.resolve(row, names));
        entry.ifPresent(stored -> hot.offer(namespace, key, stored, stamp));
        return entry;
    }

    /**
     * The row {@link KeyPick} chooses. A hit by cache key is the first row, and reading stops there:
     * on SQLite the legacy arm of the statement never runs (PostgreSQL's driver has fetched both
     * arms' rows already, a probe of an index).
     */
    private static Optional<EntryRows.Row> cacheKeyFirst(ResultSet rs, RowMapper<EntryRows.Row> mapper, byte[] key)
            throws SQLException {
        KeyPick pick = new KeyPick(key);
        for (int n = 0; rs.next() && !pick.offer(mapper.mapRow(rs, n)); n++) {
            // offer until the cache key's own row
        }
        return Optional.ofNullable(pick.picked());
    }

    private static String byKey(String condition) {
        return byKey(condition, "");
    }

    /** The lookup of an entry and its result by one key column, with more columns after the result. */
    static String byKey(String condition, String moreColumns) {
        return "SELECT " + EntryColumns.SELECTED + ", r.result" + moreColumns + " FROM entries e JOIN entry_results r ON r.entry_id = e.id"
                + " WHERE e.namespace_id = :namespace AND " + condition;
    }

    /**
     * The entries with their results among the given cache keys, read from the database (a batch of
     * lookups reads through {@link KeyReads#findAll}).
     */
    public List<StoredEntry> findAllByCacheKey(String namespace, Collection<String> cacheKeys) {
        Optional<Long> namespaceId = names.find(namespace);
        if (namespaceId.isEmpty() || cacheKeys.isEmpty()) {
            return List.of();
        }
        List<EntryRows.Row> rows = read.sql(findAllSql)
                .param("namespace", namespaceId.get()).param("keys", findAllKeys(vendor, cacheKeys))
                .query(EntryRows.WITH_RESULT).list();
        return EntryRows.resolve(rows, names);
    }

    /**
     * The batch's query. SQLite probes the key index for each key of an {@code IN} list. PostgreSQL
     * gets one probe of the key index per key, each key a row of {@code VALUES} joined {@code LATERAL}
     * with {@code LIMIT 1}, which the planner keeps as written: with an {@code IN} list it reads the
     * whole namespace instead when its statistics say the namespace is small (a table never analysed,
     * autovacuum off or just after a bulk import), 0.8 s of database CPU a batch in the load benchmark.
     */
    static String findAllSql(DatabaseVendor vendor) {
        return (vendor == DatabaseVendor.POSTGRESQL ? """
                SELECT %s, r.result FROM (VALUES :keys) AS k
                CROSS JOIN LATERAL (SELECT * FROM entries x WHERE x.namespace_id = :namespace AND x.cache_key = k.column1 LIMIT 1) e
                JOIN entry_results r ON r.entry_id = e.id
                """ : """
                SELECT %s, r.result FROM entries e JOIN entry_results r ON r.entry_id = e.id
                WHERE e.namespace_id = :namespace AND e.cache_key IN (:keys)
                """).formatted(EntryColumns.SELECTED);
    }

    /** The keys as {@link #findAllSql} binds them: a list for {@code IN}, one-column rows for {@code VALUES}. */
    static List<?> findAllKeys(DatabaseVendor vendor, Collection<String> cacheKeys) {
        return vendor == DatabaseVendor.POSTGRESQL
                ? cacheKeys.stream().map(key -> new Object[] {Hex.bytes(key)}).toList()
                : cacheKeys.stream().map(Hex::bytes).toList();
    }

    /** A page of metadata, newest first, after the cursor. */
    public EntryPage list(String namespace, EntryFilter filter, EntryCursor after, int limit) {
        Optional<Long> namespaceId = names.find(namespace);
        Optional<Map<String, Object>> filterParams = filter.params(names);
        if (namespaceId.isEmpty() || filterParams.isEmpty()) {
            return new EntryPage(List.of(), null);
        }
        String sql = """
                SELECT %s FROM entries e
                WHERE e.namespace_id = :namespace%s%s
                ORDER BY e.created_at DESC, e.id DESC
                LIMIT :limit
                """.formatted(EntryColumns.SELECTED, filter.sqlConditions(),
                after == null ? "" : " AND (e.created_at, e.id) < (:afterCreatedAt, :afterId)");
        Map<String, Object> params = new HashMap<>(filterParams.get());
        params.put("namespace", namespaceId.get());
        params.put("limit", limit + 1);
        if (after != null) {
            params.put("afterCreatedAt", after.createdAt());
            params.put("afterId", after.id());
        }
        List<EntryRows.Row> rows = read.sql(sql).params(params).query(EntryRows.HEAD).list();
        boolean more = rows.size() > limit;
        List<EntryRows.Row> page = more ? rows.subList(0, limit) : rows;
        Map<Long, String> text = EntryRows.names(page, names);
        return new EntryPage(page.stream().map(row -> EntryRows.metadata(row, text)).toList(),
                more ? page.get(page.size() - 1).cursor() : null);
    }

    /** The cost of the entries a namespace holds, in nano-dollars, from the aggregates the triggers keep; on the writer. */
    public long storedCostNanos(String namespace) {
        return write.sql("""
                SELECT coalesce(sum(t.cost_nanos), 0) FROM type_stats t JOIN names n ON n.id = t.namespace_id
                WHERE n.name = :namespace
                """).param("namespace", namespace).query(Long.class).single();
    }

    /** Inserts an entry unless its key exists; the new row's id, or empty when it existed. */
    public Optional<Long> insertIfAbsent(NewEntry entry, long costNanos) {
        Optional<Long> id = write.sql("""
                INSERT INTO entries (%s) VALUES (%s)
                ON CONFLICT (namespace_id, cache_key) DO NOTHING
                RETURNING id
                """.formatted(EntryColumns.names(), EntryColumns.namedValues()))
                .params(EntryColumns.params(row(entry, costNanos))).query(Long.class).optional();
        id.ifPresent(rowId -> insertResult(rowId, entry.result()));
        // no EntriesChanged: a new row has no copy anywhere, and a row that was there is left as it was (the caller
        // replaces it, which tells); on PostgreSQL each would be one more statement per store, to tell the other replicas
        return id;
    }

    /**
     * Replaces the entry under the same key with a new result: a new analysis, so its creation
     * time is now and its access count starts again. Empty when there is no such entry.
     */
    public Optional<Replaced> replace(NewEntry entry, long costNanos) {
        Optional<Replaced> replaced = write.sql("""
                UPDATE entries SET %s
                WHERE namespace_id = :namespace_id AND cache_key = :cache_key
                RETURNING id, legacy_key
                """.formatted(EntryColumns.assignments())).params(EntryColumns.params(row(entry, costNanos)))
                .query((rs, n) -> new Replaced(rs.getLong("id"), Hex.text(rs.getBytes("legacy_key")))).optional();
        replaced.ifPresent(row -> write.sql("UPDATE entry_results SET result = :result WHERE entry_id = :id")
                .param("result", entry.result().frame()).param("id", row.id()).update());
        changed(entry.namespace(), entry.cacheKey());
        return replaced;
    }

    /** The row a replace updated, and the legacy key it keeps (null when none). */
    public record Replaced(long id, String legacyKey) {
    }

    private EntryColumns.Row row(NewEntry entry, long costNanos) {
        return new EntryColumns.Row(entry, costNanos, names.idsOf(EntryColumns.namesOf(entry)));
    }

    private void insertResult(long id, EncodedResult result) {
        write.sql("INSERT INTO entry_results (entry_id, result) VALUES (:id, :result)")
                .param("id", id).param("result", result.frame()).update();
    }

    /** Deletes one entry by key; false when there was none. */
    public boolean delete(String namespace, EntryKey key) {
        Optional<Long> namespaceId = names.find(namespace);
        if (namespaceId.isEmpty()) {
            return false;
        }
        byte[] bytes = Hex.bytes(key.value());
        String sql = "DELETE FROM entries WHERE namespace_id = :namespace AND %s = :key";
        int deleted = key.isLegacyOnly() ? 0
                : write.sql(sql.formatted("cache_key")).param("namespace", namespaceId.get()).param("key", bytes).update();
        if (deleted > 0) {
            changed(namespace, key.value());
            return true;
        }
        deleted = write.sql(sql.formatted("legacy_key")).param("namespace", namespaceId.get()).param("key", bytes).update();
        if (deleted > 0) {
            events.publishEvent(EntriesChanged.any()); // its cache key is not known here
        }
        return deleted > 0;
    }

    /**
     * Deletes an entry as it was read (a damaged one), unless it was replaced since: a replace gives
     * the row a new creation time and ETag, and a fresh result must survive. False when nothing was deleted.
     */
    public boolean deleteIfUnchanged(StoredEntry entry) {
        boolean deleted = write.sql("""
                DELETE FROM entries WHERE id = :id AND created_at = :createdAt AND result_etag = :etag
                """).param("id", entry.id()).param("createdAt", entry.metadata().createdAt().toEpochMilli())
                .param("etag", EncodedResult.etagBytes(entry.etag())).update() > 0;
        if (deleted) { // else the row was replaced since, and its replace told the copies
            changed(entry.metadata().namespace(), entry.metadata().cacheKey());
        }
        return deleted;
    }

    /** Deletes up to {@code batch} entries matching the filter; the number deleted. */
    public int deleteBatch(String namespace, EntryFilter filter, int batch) {
        Optional<Long> namespaceId = names.find(namespace);
        Optional<Map<String, Object>> filterParams = filter.params(names);
        if (namespaceId.isEmpty() || filterParams.isEmpty()) {
            return 0;
        }
        Map<String, Object> params = new HashMap<>(filterParams.get());
        params.put("namespace", namespaceId.get());
        params.put("batch", batch);
        int deleted = write.sql("""
                DELETE FROM entries WHERE id IN (
                    SELECT id FROM entries WHERE namespace_id = :namespace%s LIMIT :batch)
                """.formatted(filter.sqlConditions())).params(params).update();
        if (deleted > 0) {
            events.publishEvent(EntriesChanged.any());
        }
        return deleted;
    }

    private void changed(String namespace, String cacheKey) {
        events.publishEvent(new EntriesChanged(namespace, cacheKey));
    }
}
