package dev.llmcache.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.llmcache.entry.KeyFactors;
import dev.llmcache.support.Sha256;
import dev.llmcache.support.ApiClient;
import dev.llmcache.support.ServerProcess;
import dev.llmcache.support.SqliteTestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Every write acknowledged before a {@code kill -9} is there after a restart, and nothing is half
 * written: each listed entry has its result and the statistics agree with the rows.
 */
class CrashDurabilityIntegrationTests {

    private final Path dataDir = tempDir();

    @AfterEach
    void cleanUp() {
        SqliteTestDatabase.delete(dataDir);
    }

    @Test
    void acknowledgedWritesSurviveKillNine() throws Exception {
        Map<String, Integer> acknowledged = new ConcurrentHashMap<>();
        Queue<String> failures = new ConcurrentLinkedQueue<>();
        AtomicBoolean killed = new AtomicBoolean();
        Path log = dataDir.resolve("server.log");
        try (ServerProcess server = ServerProcess.start(dataDir, log)) {
            ApiClient api = server.client();
            Thread[] writers = new Thread[4];
            for (int w = 0; w < writers.length; w++) {
                int writer = w;
                writers[w] = new Thread(() -> {
                    for (int i = 0; !killed.get() && failures.isEmpty(); i++) {
                        String content = "writer " + writer + " entry " + i;
                        try {
                            ApiClient.Response response = api.post("/api/v1/entries", Map.of("cacheType", "refactor",
                                    "filePath", "f", "content", content, "provider", "xai", "model", "grok-beta",
                                    "result", Map.of("writer", writer, "i", i, "padding", "x".repeat(2000)), "tokensUsed", 10));
                            if (response.status() == 201) {
                                acknowledged.put(new KeyFactors("refactor", "grok-beta", Sha256.hex(content), "", 1).cacheKey(), i);
                            } else if (!killed.get()) {
                                failures.add("writer " + writer + ": " + response);
                            }
                        } catch (RuntimeException e) {
                            // Only the kill may cut a write short (that write was never acknowledged); before it, a failure.
                            if (!killed.get()) {
                                failures.add("writer " + writer + ": " + e);
                            }
                        }
                    }
                }, "crash-writer-" + w);
                writers[w].start();
            }
            await().atMost(Duration.ofMinutes(3)).until(() -> acknowledged.size() >= 200 || !failures.isEmpty());
            assertThat(failures).as("writes before the kill").isEmpty();
            killed.set(true);
            server.kill(); // SIGKILL while the writers are still writing
            for (Thread writer : writers) {
                writer.join(Duration.ofSeconds(90).toMillis()); // a request times out after 60 s (ApiClient)
                assertThat(writer.isAlive()).as(writer.getName() + " still writing 90 s after the kill").isFalse();
            }
        }

        try (ServerProcess restarted = ServerProcess.start(dataDir, log)) {
            ApiClient api = restarted.client();
            for (Map.Entry<String, Integer> key : acknowledged.entrySet()) {
                ApiClient.Response entry = api.get("/api/v1/entries/" + key.getKey());
                assertThat(entry.status()).as("acknowledged " + key.getKey()).isEqualTo(200);
                assertThat(entry.json().get("result").get("i").asInt()).isEqualTo(key.getValue());
            }
            long listed = 0;
            String next = null;
            do {
                JsonNode page = api.get("/api/v1/entries?limit=1000" + (next == null ? "" : "&after=" + next)).json();
                for (JsonNode item : page.get("items")) {
                    assertThat(api.get("/api/v1/entries/" + item.get("cacheKey").asString()).status()).isEqualTo(200);
                    listed++;
                }
                next = page.get("next").isNull() ? null : page.get("next").asString();
            } while (next != null);
            assertThat(listed).isGreaterThanOrEqualTo(acknowledged.size());
            assertThat(api.get("/api/v1/stats").json().get("totalEntries").asLong()).isEqualTo(listed);
            assertThat(api.get("/api/v1/budget/history").json().get(0).get("writes").asLong()).isEqualTo(listed);
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("llmcache-crash-");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
