package dev.llmcache.entry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcache.storage.DatabaseVendor;
import dev.llmcache.storage.PostgresRepositoryTest;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * The batch lookup's plan on PostgreSQL when the planner knows nothing of the table: 20,000 entries
 * of one namespace that were never analysed (autovacuum off for the table, as on a server whose
 * autovacuum is off, or right after a bulk import). An {@code IN} list then reads the whole namespace
 * through another index; the batch's query must still probe the key index once per key. The class
 * has a context, and so a schema, of its own.
 */
@PostgresRepositoryTest
@TestPropertySource(properties = "llmcache.test.context=batch-plan")
@Import({EntryRepository.class, Names.class, HotEntries.class})
@EnableConfigurationProperties(HotEntriesProperties.class)
class BatchLookupPlanPostgresTests {

    private static final String SAMPLE = """
            INSERT INTO entries (created_at, last_accessed_at, access_count, eviction_priority, tokens_used, cost_nanos,
                result_bytes, stored_bytes, namespace_id, cache_type_id, repo_path_id, file_path, provider_id, model_id,
                prompt_hash, schema_version, cache_key, file_hash, result_etag)
            SELECT i * 1000, i * 1000, 0, 1, 1000, 10000000, 1500, 400, 1, 10 + i % 4, 40 + i % 20, 'src/f' || i || '.rs', 20, 30, '', 1,
                sha256(int4send(i)), sha256(int4send(-i)), substring(sha256(int4send(i)) from 1 for 16)
            FROM generate_series(1, 20000) i
            """;

    @Autowired
    JdbcClient write;

    private static boolean sampled;

    @BeforeEach
    void sample() {
        if (!sampled) {
            write.sql("ALTER TABLE entries SET (autovacuum_enabled = false)").update();
            write.sql(SAMPLE).update();
            write.sql("INSERT INTO entry_results (entry_id, result) SELECT id, '\\x28b52ffd'::bytea FROM entries").update();
            sampled = true;
        }
    }

    @Test
    void batchLookupProbesTheKeyIndexOncePerKeyOnATableNeverAnalysed() {
        List<String> keys = IntStream.rangeClosed(1, 100).mapToObj(i -> write.sql("SELECT encode(sha256(int4send(:i)), 'hex')")
                .param("i", i * 150).query(String.class).single()).toList();

        String plan = String.join("\n", write.sql("EXPLAIN " + EntryRepository.findAllSql(DatabaseVendor.POSTGRESQL))
                .param("namespace", 1L).param("keys", EntryRepository.findAllKeys(DatabaseVendor.POSTGRESQL, keys))
                .query(String.class).list());

        assertThat(plan).contains("Index Scan using entries_key on entries").contains("Limit")
                .doesNotContain("Seq Scan on entries").doesNotContain("Bitmap Heap Scan on entries");
        assertThat(write.sql("SELECT count(*) FROM (" + EntryRepository.findAllSql(DatabaseVendor.POSTGRESQL) + ") found")
                .param("namespace", 1L).param("keys", EntryRepository.findAllKeys(DatabaseVendor.POSTGRESQL, keys))
                .query(Integer.class).single()).isEqualTo(100);
    }
}
