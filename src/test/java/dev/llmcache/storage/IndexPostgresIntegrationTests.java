package dev.llmcache.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcache.support.PostgresIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * PostgreSQL's EXPLAIN on a table of a few thousand entries spread like a real namespace's (and
 * analysed, so that the planner's estimates mean something), with sequential scans, bitmap scans
 * and sorts priced out (at this size a sequential scan would win): the plan must be an index scan
 * of the named index, with no Sort node. The class has a context, and so a schema, of its own.
 */
@PostgresIntegrationTest
@TestPropertySource(properties = "llmcache.test.context=index-plans")
class IndexPostgresIntegrationTests extends IndexScenarios {

    /**
     * Namespace 1, the one the queries ask for, holds 2 % of the rows (the others share the rest: a small
     * namespace among large ones is where an index on the namespace matters); 4 cache types, 3 providers,
     * 4 models, 20 repositories, files of 3 entries each, 3 in 4 entries imported (with a legacy key).
     */
    private static final String SAMPLE = """
            INSERT INTO entries (created_at, last_accessed_at, access_count, eviction_priority, tokens_used, cost_nanos,
                result_bytes, stored_bytes, namespace_id, cache_type_id, repo_path_id, file_path, provider_id, model_id,
                prompt_hash, schema_version, cache_key, file_hash, result_etag, legacy_key)
            SELECT i * 1000, i * 1000 + (i * 7919) % 100000, i % 5, (i * 37) % 1000 / 10.0, 1000, 10000000, 1500,
                400 + (i * 13) % 1000, CASE WHEN i % 50 = 0 THEN 1 ELSE 2 + i % 5 END, 10 + i % 4, 40 + i % 20,
                'src/f' || (100 + i / 3) || '.rs', 20 + i % 3, 30 + i % 4, '', 1,
                sha256(int4send(i)), sha256(int4send(-i)), substring(sha256(int4send(i)) from 1 for 16),
                CASE WHEN i % 4 = 0 THEN NULL ELSE substring(sha256(int4send(i + 1000000)) from 1 for 16) END
            FROM generate_series(1, 5000) i
            """;

    @Autowired
    JdbcClient writer;

    @Autowired
    TransactionTemplate transactions;

    private static boolean sampled;

    /** The sample rows, once for the class (its context and schema are its own). */
    @BeforeEach
    void sample() {
        if (!sampled) {
            transactions.executeWithoutResult(status -> {
                writer.sql(SAMPLE).update();
                writer.sql("INSERT INTO entry_results (entry_id, result) SELECT id, '\\x28b52ffd'::bytea FROM entries")
                        .update();
            });
            writer.sql("ANALYZE entries").update();
            writer.sql("ANALYZE entry_results").update();
            sampled = true;
        }
    }

    @Override
    String plan(String sql, String index) {
        String plan = transactions.execute(status -> {
            writer.sql("SET LOCAL enable_seqscan = off").update();
            writer.sql("SET LOCAL enable_bitmapscan = off").update();
            writer.sql("SET LOCAL enable_sort = off").update();
            String text = String.join("\n", writer.sql("EXPLAIN " + sql).query(String.class).list());
            status.setRollbackOnly();
            return text;
        });
        assertThat(plan).as(sql).containsPattern("Index (Only )?Scan( Backward)? using " + index + " ")
                .doesNotContain("Seq Scan").doesNotContain("Sort");
        return plan;
    }

    @Override
    String blob(String sqliteLiteral) {
        return "'\\x" + sqliteLiteral.substring(2, sqliteLiteral.length() - 1) + "'::bytea";
    }
}
