package dev.llmcache.compression;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcache.support.ApiClient;
import dev.llmcache.support.IntegrationTestSupport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * zstd dictionaries end to end, over HTTP on each database: results stored before their kind has a
 * dictionary, the job (run directly, on the test's clock) trains one and re-compresses them, results
 * stored after are compressed with it, and every result reads back as stored with the same ETag;
 * {@code /stats} tells the two kinds of frame apart.
 */
@TestPropertySource(properties = {"cache.compression.dictionary.min-samples=100",
        "cache.compression.dictionary.size=4KB"})
abstract class DictionaryScenarios extends IntegrationTestSupport {

    private static final int BEFORE = 120;
    private static final int AFTER = 10;

    @Autowired
    DictionaryJob job;

    @Autowired
    JdbcTemplate jdbc;

    /** A result like an analysis: the same shape and vocabulary every time, other figures and names. */
    private static Map<String, Object> result(int i) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("summary", "Module " + i + " handles requests; the function parse_request_" + i
                + " is long and nests deeply, and the error handling repeats itself in three places.");
        result.put("complexity_score", 10 + i % 80);
        result.put("code_smells", List.of("long method: parse_request_" + i, "deep nesting at line " + (i * 7 % 400),
                "duplicated error handling"));
        result.put("suggestions", List.of("extract the validation into its own function", "return early on errors"));
        return result;
    }

    private String store(int i) {
        Map<String, Object> entry = entry("content " + i);
        entry.put("filePath", "src/module_" + i + ".rs");
        entry.put("result", result(i));
        ApiClient.Response stored = api.post("/api/v1/entries", entry);
        assertThat(stored.status()).isEqualTo(201);
        return stored.header("Location");
    }

    @Test
    void resultsStoredBeforeAndAfterTheKindsDictionaryReadBackUnchanged() {
        List<String> locations = new ArrayList<>();
        List<String> etags = new ArrayList<>();
        for (int i = 0; i < BEFORE; i++) {
            locations.add(store(i));
            etags.add(api.head(locations.get(i)).header("ETag"));
        }
        JsonNode before = api.get("/api/v1/stats").json();
        assertThat(before.at("/compression/withDictionary/entries").asLong()).isZero();
        assertThat(before.at("/compression/withoutDictionary/entries").asLong()).isEqualTo(BEFORE);

        clock.advance(Duration.ofMinutes(5));
        DictionaryJob.Run run = job.runOnce();

        assertThat(run.trained()).isGreaterThanOrEqualTo(1);
        assertThat(run.rewritten()).isGreaterThanOrEqualTo(BEFORE);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM dictionaries d JOIN names n ON n.id = d.namespace_id "
                + "WHERE n.name = ?", Long.class, namespace)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT min(created_at) FROM dictionaries d JOIN names n ON n.id = d.namespace_id "
                + "WHERE n.name = ?", Long.class, namespace)).isEqualTo(clock.instant().toEpochMilli());
        JsonNode recompressed = api.get("/api/v1/stats").json();
        assertThat(recompressed.at("/compression/withDictionary/entries").asLong()).isEqualTo(BEFORE);
        assertThat(recompressed.at("/compression/withoutDictionary/entries").asLong()).isZero();
        assertThat(recompressed.get("totalResultBytes").asLong()).isEqualTo(before.get("totalResultBytes").asLong());
        assertThat(recompressed.get("totalStoredBytes").asLong()).isLessThan(before.get("totalStoredBytes").asLong());
        assertThat(recompressed.at("/compression/withDictionary/storedPercent").asDouble())
                .isLessThan(before.at("/compression/withoutDictionary/storedPercent").asDouble());

        for (int i = BEFORE; i < BEFORE + AFTER; i++) {
            locations.add(store(i));
            etags.add(api.head(locations.get(i)).header("ETag"));
        }
        JsonNode after = api.get("/api/v1/stats").json();
        assertThat(after.at("/compression/withDictionary/entries").asLong()).isEqualTo(BEFORE + AFTER);
        assertThat(job.runOnce().rewritten()).isZero(); // nothing left to re-compress, no kind grown enough to retrain

        for (int i = 0; i < BEFORE + AFTER; i++) {
            ApiClient.Response hit = api.get(locations.get(i));
            assertThat(hit.status()).isEqualTo(200);
            assertThat(hit.header("ETag")).isEqualTo(etags.get(i));
            assertThat(hit.json().get("result").get("summary").asString()).startsWith("Module " + i + " handles");
            assertThat(hit.json().get("resultBytes").asLong()).isEqualTo(hit.json().get("result").toString().length());
        }
    }

    @Test
    void aKindWithTooFewResultsGetsNoDictionary() {
        for (int i = 0; i < 20; i++) {
            store(i);
        }

        job.runOnce();

        assertThat(jdbc.queryForObject("SELECT count(*) FROM dictionaries d JOIN names n ON n.id = d.namespace_id "
                + "WHERE n.name = ?", Long.class, namespace)).isZero();
        assertThat(api.get("/api/v1/stats").json().at("/compression/withDictionary/entries").asLong()).isZero();
    }
}
