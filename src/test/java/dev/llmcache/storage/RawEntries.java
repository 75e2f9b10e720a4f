package dev.llmcache.storage;

import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Entries written straight into PostgreSQL's tables, to watch what the statistics' triggers make of them. */
final class RawEntries {

    private RawEntries() {
    }

    /** Names the entries of {@link #insert} refer to, committed or in the caller's transaction. */
    static void names(JdbcClient write, String namespace) {
        write.sql("""
                INSERT INTO names (name) VALUES (:namespace), ('refactor'), ('docs'), ('/repo'), ('xai'), ('grok-beta'), ('')
                ON CONFLICT DO NOTHING
                """).param("namespace", namespace).update();
    }

    /**
     * Inserts entries {@code from..to} of a namespace in one statement, as the migration's import does: key and file hash
     * {@code i}, kind refactor for {@code i <= 3} and docs above, tokens {@code 100 i}, cost {@code 1000 i} nano-dollars,
     * 10 bytes of file, 200 of result, 50 stored, a dictionary for {@code i = 1}.
     */
    static void insert(JdbcClient write, String namespace, int from, int to) {
        insert(write, namespace, from, to, "");
    }

    /** As {@link #insert}, skipping the keys already there ({@code ON CONFLICT DO NOTHING}, as a store inserts). */
    static void insertIfAbsent(JdbcClient write, String namespace, int from, int to) {
        insert(write, namespace, from, to, "ON CONFLICT DO NOTHING");
    }

    private static void insert(JdbcClient write, String namespace, int from, int to, String onConflict) {
        write.sql("""
                INSERT INTO entries (namespace_id, cache_key, cache_type_id, repo_path_id, file_path, file_hash,
                                     provider_id, model_id, prompt_hash, schema_version, tokens_used, cost_nanos,
                                     file_size, result_bytes, stored_bytes, result_etag, created_at, last_accessed_at,
                                     dictionary_id)
                SELECT ns.id, decode(lpad(to_hex(i), 64, '0'), 'hex'), CASE WHEN i <= 3 THEN rf.id ELSE dc.id END,
                       rp.id, 'src/f' || i || '.rs', decode(lpad(to_hex(i), 64, '0'), 'hex'), pv.id, md.id, '', 1, 100 * i, 1000 * i,
                       10, 200, 50, decode(lpad(to_hex(i), 32, '0'), 'hex'), 0, 0, CASE WHEN i = 1 THEN 40000 END
                FROM generate_series(:from, :to) AS i,
                     (SELECT id FROM names WHERE name = :namespace) ns, (SELECT id FROM names WHERE name = 'refactor') rf,
                     (SELECT id FROM names WHERE name = 'docs') dc, (SELECT id FROM names WHERE name = '/repo') rp,
                     (SELECT id FROM names WHERE name = 'xai') pv, (SELECT id FROM names WHERE name = 'grok-beta') md
                """ + onConflict).param("namespace", namespace).param("from", from).param("to", to).update();
    }

    /** The namespace's statistics of a kind as {@code type_stats} holds them (empty when it has no row). */
    static Map<String, Object> typeStats(JdbcClient client, String namespace, String cacheType) {
        return client.sql("""
                SELECT t.entries, t.tokens, t.cost_nanos, t.file_size, t.result_bytes, t.stored_bytes, t.dict_entries,
                       t.dict_result_bytes, t.dict_stored_bytes
                FROM type_stats t JOIN names n ON n.id = t.namespace_id JOIN names c ON c.id = t.cache_type_id
                WHERE n.name = :namespace AND c.name = :cacheType
                """).param("namespace", namespace).param("cacheType", cacheType).query().listOfRows()
                .stream().findFirst().orElse(Map.of());
    }

    /** The same figures summed from the namespace's entries of that kind themselves. */
    static Map<String, Object> summedFromEntries(JdbcClient client, String namespace, String cacheType) {
        return client.sql("""
                SELECT count(*) AS entries, sum(e.tokens_used)::bigint AS tokens, sum(e.cost_nanos)::bigint AS cost_nanos,
                       sum(coalesce(e.file_size, 0))::bigint AS file_size, sum(e.result_bytes)::bigint AS result_bytes,
                       sum(e.stored_bytes)::bigint AS stored_bytes, count(e.dictionary_id) AS dict_entries,
                       coalesce(sum(e.result_bytes) FILTER (WHERE e.dictionary_id IS NOT NULL), 0)::bigint AS dict_result_bytes,
                       coalesce(sum(e.stored_bytes) FILTER (WHERE e.dictionary_id IS NOT NULL), 0)::bigint AS dict_stored_bytes
                FROM entries e JOIN names n ON n.id = e.namespace_id JOIN names c ON c.id = e.cache_type_id
                WHERE n.name = :namespace AND c.name = :cacheType
                """).param("namespace", namespace).param("cacheType", cacheType).query().singleRow();
    }
}
