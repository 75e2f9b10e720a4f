package dev.llmcache.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcache.LlmCacheServerApplication;
import dev.llmcache.entry.KeyFactors;
import dev.llmcache.support.Sha256;
import dev.llmcache.support.ApiClient;
import dev.llmcache.support.SqliteTestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/** A stopped and restarted server finds every entry, and the lookups counted before it stopped. */
class RestartIntegrationTests {

    private final Path dataDir = createTempDir();

    @AfterEach
    void cleanUp() {
        SqliteTestDatabase.delete(dataDir);
    }

    private static Path createTempDir() {
        try {
            return Files.createTempDirectory("llmcache-restart-");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(LlmCacheServerApplication.class)
                .run("--server.port=0", "--cache.data-dir=" + dataDir, "--cache.access-flush-interval=PT1H");
    }

    private static ApiClient client(ConfigurableApplicationContext context) {
        return new ApiClient(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
    }

    @Test
    void restartedServerFindsEveryEntryAndTheLookupsFlushedOnShutdown() {
        Map<String, String> keys = new LinkedHashMap<>();
        try (ConfigurableApplicationContext first = start()) {
            ApiClient api = client(first);
            for (int i = 0; i < 20; i++) {
                Map<String, Object> entry = new LinkedHashMap<>(Map.of("cacheType", "refactor", "filePath", "f" + i,
                        "content", "content " + i, "provider", "xai", "model", "grok-beta",
                        "result", Map.of("index", i), "tokensUsed", 100));
                assertThat(api.post("/api/v1/entries", entry).status()).isEqualTo(201);
                keys.put(new KeyFactors("refactor", "grok-beta", Sha256.hex("content " + i), "", 1).cacheKey(), "f" + i);
            }
            String first0 = keys.keySet().iterator().next();
            assertThat(api.get("/api/v1/entries/" + first0).status()).isEqualTo(200);
            assertThat(api.get("/api/v1/entries/" + "f".repeat(64)).status()).isEqualTo(404);
        } // the flush interval is an hour: only the shutdown flush can have written the lookups

        try (ConfigurableApplicationContext second = start()) {
            ApiClient api = client(second);
            int index = 0;
            for (Map.Entry<String, String> key : keys.entrySet()) {
                JsonNode entry = api.get("/api/v1/entries/" + key.getKey()).json();
                assertThat(entry.get("filePath").asString()).isEqualTo(key.getValue());
                assertThat(entry.get("result").get("index").asInt()).isEqualTo(index++);
            }
            JsonNode first0 = api.head("/api/v1/entries/" + keys.keySet().iterator().next()).status() == 200
                    ? api.get("/api/v1/entries?limit=1000").json() : null;
            assertThat(first0.get("items")).hasSize(20);
            JsonNode stats = api.get("/api/v1/stats").json();
            assertThat(stats.get("totalEntries").asLong()).isEqualTo(20);
            assertThat(stats.get("hits").asLong()).isEqualTo(1 + 20);
            assertThat(stats.get("misses").asLong()).isEqualTo(1);
            assertThat(api.get("/api/v1/budget").json().get("spentUsd").decimalValue()).isEqualByComparingTo("0.02");
        }
    }
}
