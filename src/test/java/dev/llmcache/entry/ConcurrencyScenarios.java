package dev.llmcache.entry;

import dev.llmcache.support.Sha256;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcache.support.ApiClient;
import dev.llmcache.support.IntegrationTestSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Sixteen clients writing and reading at once: no error, nothing lost, statistics and spend exact. */
abstract class ConcurrencyScenarios extends IntegrationTestSupport {

    private static final int THREADS = 16;
    private static final int ROUNDS = 25;

    @Test
    void sixteenThreadsWriteAndReadAtOnceWithoutAnError() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                ApiClient client = new ApiClient(port).inNamespace(namespace);
                start.await();
                for (int round = 0; round < ROUNDS; round++) {
                    String content = "thread " + thread + " round " + round;
                    Map<String, Object> entry = entry(content);
                    entry.put("result", Map.of("thread", thread, "round", round));
                    ApiClient.Response stored = client.post("/api/v1/entries", entry);
                    expect(failures, stored, 201);
                    // Everyone also rewrites one shared key, so replaces race with each other.
                    expect(failures, client.post("/api/v1/entries", entry("shared")), 200, 201);
                    String key = new KeyFactors("refactor", "grok-beta", Sha256.hex(content), "", 1).cacheKey();
                    ApiClient.Response read = client.get("/api/v1/entries/" + key);
                    expect(failures, read, 200);
                    if (read.status() == 200 && read.json().get("result").get("round").asInt() != round) {
                        failures.add("wrong result for " + content + ": " + read.body());
                    }
                    expect(failures, client.post("/api/v1/lookup", Map.of("cacheType", "refactor", "model", "grok-beta",
                            "content", "shared")), 200);
                    expect(failures, client.get("/api/v1/stats"), 200);
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> future : done) {
            future.get(5, TimeUnit.MINUTES);
        }
        pool.shutdown();

        assertThat(failures).isEmpty();
        var stats = api.get("/api/v1/stats").json();
        assertThat(stats.get("totalEntries").asLong()).isEqualTo(THREADS * ROUNDS + 1);
        assertThat(stats.get("hits").asLong()).isEqualTo(2L * THREADS * ROUNDS);
        assertThat(stats.get("misses").asLong()).isZero();
        assertThat(api.get("/api/v1/budget").json().get("spentUsd").decimalValue())
                .isEqualByComparingTo(new java.math.BigDecimal("0.05").multiply(java.math.BigDecimal.valueOf(2L * THREADS * ROUNDS)));
        // every store of the shared key but the first replaced it: paid twice
        assertThat(api.get("/api/v1/budget").json().get("duplicateSpendUsd").decimalValue())
                .isEqualByComparingTo(new java.math.BigDecimal("0.05").multiply(java.math.BigDecimal.valueOf(THREADS * ROUNDS - 1L)));
    }

    private static void expect(ConcurrentLinkedQueue<String> failures, ApiClient.Response response, int... statuses) {
        for (int status : statuses) {
            if (response.status() == status) {
                return;
            }
        }
        failures.add(response.toString());
    }
}
