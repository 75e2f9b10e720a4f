package dev.llmcache.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The statistics triggers on PostgreSQL: the function called for every replaced or re-compressed
 * entry is PL/pgSQL (V31), whose statements keep their plans for the session; inserted entries are
 * added once per statement (V33), so that a bulk insert writes one version of each aggregate row, not
 * one per entry. What they compute is checked by the statistics tests on PostgreSQL.
 */
@PostgresRepositoryTest
class StatisticsTriggerPostgresTests {

    @Autowired
    JdbcClient write;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void theTriggersUpsertIsPlpgsqlSoItsPlansAreKept() {
        String language = write.sql("""
                SELECT l.lanname FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
                WHERE p.proname = 'entry_stats_apply' AND p.pronamespace = current_schema()::regnamespace
                """).query(String.class).single();
        assertThat(language).isEqualTo("plpgsql");
    }

    @Test
    void aMultiRowInsertWritesEachAggregateRowOnceWithTheSumOfItsEntries() {
        Map<String, Object> touched = transactions.execute(status -> {
            write.sql("""
                    INSERT INTO names (name) VALUES ('trigger-ns'), ('refactor'), ('docs'), ('/repo'), ('xai'), ('grok-beta'), ('')
                    ON CONFLICT DO NOTHING
                    """).update();
            // five entries of two kinds and one model, in one statement, as the migration's import inserts them
            write.sql("""
                    INSERT INTO entries (namespace_id, cache_key, cache_type_id, repo_path_id, file_path, file_hash,
                                         provider_id, model_id, prompt_hash, schema_version, tokens_used, cost_nanos,
                                         file_size, result_bytes, stored_bytes, result_etag, created_at, last_accessed_at,
                                         dictionary_id)
                    SELECT ns.id, decode(lpad(to_hex(i), 64, '0'), 'hex'), CASE WHEN i <= 3 THEN rf.id ELSE dc.id END,
                           rp.id, 'src/f' || i || '.rs', decode(lpad(to_hex(i), 64, '0'), 'hex'), pv.id, md.id, '', 1, 100 * i, 1000 * i,
                           10, 200, 50, decode(lpad(to_hex(i), 32, '0'), 'hex'), 0, 0, CASE WHEN i = 1 THEN 40000 END
                    FROM generate_series(1, 5) AS i,
                         (SELECT id FROM names WHERE name = 'trigger-ns') ns, (SELECT id FROM names WHERE name = 'refactor') rf,
                         (SELECT id FROM names WHERE name = 'docs') dc, (SELECT id FROM names WHERE name = '/repo') rp,
                         (SELECT id FROM names WHERE name = 'xai') pv, (SELECT id FROM names WHERE name = 'grok-beta') md
                    """).update();
            return write.sql("""
                    SELECT (SELECT n_tup_ins + n_tup_upd FROM pg_stat_xact_user_tables
                            WHERE relid = 'type_stats'::regclass) AS type_rows,
                           (SELECT n_tup_ins + n_tup_upd FROM pg_stat_xact_user_tables
                            WHERE relid = 'model_stats'::regclass) AS model_rows
                    """).query().singleRow();
        });

        // one row version per kind and one for the model; a trigger per row wrote five of each
        assertThat(touched).containsEntry("type_rows", 2L).containsEntry("model_rows", 1L);
        Map<String, Object> refactor = write.sql("""
                SELECT t.entries, t.tokens, t.cost_nanos, t.file_size, t.result_bytes, t.stored_bytes, t.dict_entries,
                       t.dict_result_bytes, t.dict_stored_bytes
                FROM type_stats t JOIN names n ON n.id = t.namespace_id JOIN names c ON c.id = t.cache_type_id
                WHERE n.name = 'trigger-ns' AND c.name = 'refactor'
                """).query().singleRow();
        assertThat(refactor).containsEntry("entries", 3L).containsEntry("tokens", 600L).containsEntry("cost_nanos", 6000L)
                .containsEntry("file_size", 30L).containsEntry("result_bytes", 600L).containsEntry("stored_bytes", 150L)
                .containsEntry("dict_entries", 1L).containsEntry("dict_result_bytes", 200L).containsEntry("dict_stored_bytes", 50L);
        Map<String, Object> model = write.sql("""
                SELECT m.entries, m.tokens, m.cost_nanos FROM model_stats m JOIN names n ON n.id = m.namespace_id
                WHERE n.name = 'trigger-ns'
                """).query().singleRow();
        assertThat(model).containsEntry("entries", 5L).containsEntry("tokens", 1500L).containsEntry("cost_nanos", 15000L);
    }
}
