package dev.llmcache.eviction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcache.lookup.AccessTracker;
import dev.llmcache.support.ApiClient;
import dev.llmcache.support.IntegrationTestSupport;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Base of the eviction integration tests. Eviction applies across all namespaces, so every test
 * starts from an empty entries table in a context (and database) that only eviction tests use;
 * batches of 3 make every run cross batch boundaries.
 */
@TestPropertySource(properties = {"cache.eviction.batch-size=3", "cache.eviction.lock-wait=PT0.5S"})
abstract class EvictionTestSupport extends IntegrationTestSupport {

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    private AccessTracker accesses;

    @BeforeEach
    void emptyCache() {
        // Flush first: SQLite reuses row ids, and a pending hit must not land on a new entry.
        accesses.flush();
        jdbc.sql("DELETE FROM entries").update();
        jdbc.sql("UPDATE eviction_state SET inflation = 0").update();
    }

    /** Stores a result for this content with these tokens; answers the metadata. */
    protected JsonNode store(ApiClient client, String content, long tokens, Object result) {
        Map<String, Object> entry = entry(content);
        entry.put("tokensUsed", tokens);
        entry.put("result", result);
        ApiClient.Response stored = client.post("/api/v1/entries", entry);
        assertThat(stored.status()).as(stored.toString()).isEqualTo(201);
        return stored.json();
    }

    protected JsonNode store(String content, long tokens, Object result) {
        return store(api, content, tokens, result);
    }

    /** A small result (a few dozen bytes stored). */
    protected static Object small(String name) {
        return Map.of("name", name);
    }

    /** A result of random hex text: about {@code chars / 2} bytes once compressed. */
    protected static Object large(long seed, int chars) {
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder(chars);
        for (int i = 0; i < chars; i++) {
            text.append(Character.forDigit(random.nextInt(16), 16));
        }
        return Map.of("blob", text.toString());
    }

    protected boolean exists(JsonNode entry) {
        return api.head("/api/v1/entries/" + entry.get("cacheKey").asString()).status() == 200;
    }

    protected void hit(JsonNode entry) {
        assertThat(api.get("/api/v1/entries/" + entry.get("cacheKey").asString()).status()).isEqualTo(200);
    }

    protected static long size(JsonNode... entries) {
        long sum = 0;
        for (JsonNode entry : entries) {
            sum += entry.get("storedBytes").asLong();
        }
        return sum;
    }

    /** Runs an eviction, which must answer 200. */
    protected JsonNode evict(Object... fields) {
        ApiClient.Response answer = api.post("/api/v1/eviction", body(fields));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer.json();
    }

    protected static Map<String, Object> body(Object... fields) {
        Map<String, Object> body = new HashMap<>();
        for (int i = 0; i < fields.length; i += 2) {
            body.put((String) fields[i], fields[i + 1]);
        }
        return body;
    }

    /** Which of the entries are still stored. */
    protected List<JsonNode> present(JsonNode... entries) {
        return java.util.Arrays.stream(entries).filter(this::exists).toList();
    }
}
