package dev.llmcache.eviction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcache.storage.DatabaseMaintenance;
import dev.llmcache.support.ApiClient;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.JsonNode;

/**
 * Dry runs, accounting, metrics, concurrent stores and the run lock; on SQLite and PostgreSQL.
 */
abstract class EvictionRunScenarios extends EvictionTestSupport {

    @Autowired
    private EvictionLock lock;

    @Autowired
    private DataSource dataSource;

    @Autowired
    private PlatformTransactionManager transactions;

    @Autowired
    private DatabaseMaintenance database;

    @Autowired
    private ThreadPoolTaskScheduler scheduler;

    @Test
    void dryRunRemovesNothingAndReportsExactlyWhatTheRealRunRemoves() {
        for (EvictionPolicy policy : EvictionPolicy.values()) {
            emptyCache();
            clock.set(Instant.parse("2026-10-01T00:00:00Z"));
            JsonNode[] entries = populate();
            Object[] limits = {"policy", policy.name(), "targetBytes", size(entries) / 2, "maxEntries", 6, "olderThan", "P30D"};

            JsonNode dry = evict(append(limits, "dryRun", true));
            assertThat(present(entries)).as(policy + " dry run").hasSize(entries.length);
            JsonNode real = evict(limits);

            assertThat(dry.get("dryRun").asBoolean()).isTrue();
            assertThat(real.get("dryRun").asBoolean()).isFalse();
            for (String field : List.of("policy", "evicted", "freedBytes", "remainingEntries", "remainingBytes")) {
                assertThat(dry.get(field)).as(policy + " " + field).isEqualTo(real.get(field));
            }
            assertThat(real.get("evicted").asLong()).as(policy + " evicted").isEqualTo(entries.length - present(entries).size());
            assertThat(real.get("remainingEntries").asLong()).isLessThanOrEqualTo(6);
            assertThat(real.get("remainingBytes").asLong()).isLessThanOrEqualTo(size(entries) / 2);
        }
    }

    @Test
    void answerHasExactlyTheContractFields() {
        store("a", 5000, small("a"));

        JsonNode answer = evict("policy", "LRU", "maxEntries", 0);

        assertThat(answer.propertyNames()).containsExactlyInAnyOrder("policy", "dryRun", "evicted", "freedBytes",
                "remainingEntries", "remainingBytes");
        assertThat(answer.get("policy").asString()).isEqualTo("LRU");
        assertThat(answer.get("remainingEntries").asLong()).isZero();
        assertThat(answer.get("remainingBytes").asLong()).isZero();
    }

    @Test
    void withoutAPolicyTheConfiguredOneIsUsed() {
        store("a", 5000, small("a"));

        assertThat(evict("maxEntries", 5).get("policy").asString()).isEqualTo("COST_AWARE");
    }

    @Test
    void statisticsStayExactAndSpendHistoryIsUntouched() {
        ApiClient other = api.inNamespace("other-" + namespace);
        for (int i = 0; i < 5; i++) {
            store("mine" + i, 1000 * i, i % 2 == 0 ? small("m" + i) : large(i, 3000));
            store(other, "theirs" + i, 2000 * i, small("t" + i));
            clock.advance(Duration.ofMinutes(1));
        }
        hit(store("kept", 5000, small("kept")));
        String budget = api.get("/api/v1/budget").json().get("spentUsd").asString();
        JsonNode history = api.get("/api/v1/budget/history").json();
        JsonNode otherHistory = other.get("/api/v1/budget/history").json();

        evict("policy", "OLDEST", "maxEntries", 4);

        for (ApiClient client : List.of(api, other)) {
            JsonNode stats = client.get("/api/v1/stats").json();
            JsonNode items = client.get("/api/v1/entries?limit=1000").json().get("items");
            long bytes = 0;
            BigDecimal cost = BigDecimal.ZERO;
            for (JsonNode item : items) {
                bytes += item.get("storedBytes").asLong();
                cost = cost.add(item.get("costUsd").decimalValue());
            }
            assertThat(stats.get("totalEntries").asLong()).isEqualTo(items.size());
            assertThat(stats.get("totalStoredBytes").asLong()).isEqualTo(bytes);
            assertThat(stats.get("estimatedCostUsd").decimalValue()).isEqualByComparingTo(cost);
        }
        assertThat(api.get("/api/v1/stats").json().get("hits").asLong()).isEqualTo(1);
        assertThat(api.get("/api/v1/budget").json().get("spentUsd").asString()).isEqualTo(budget);
        assertThat(api.get("/api/v1/budget/history").json()).isEqualTo(history);
        assertThat(other.get("/api/v1/budget/history").json()).isEqualTo(otherHistory);
    }

    @Test
    void evictionsAreCountedByPolicyAndDryRunsAreNot() {
        for (int i = 0; i < 3; i++) {
            store("e" + i, 5000, small("e" + i));
        }
        double evictions = metric("llmcache_evictions_total", "LRU");
        double bytes = metric("llmcache_evicted_bytes_total", "LRU");
        double largest = metric("llmcache_evictions_total", "LARGEST");

        evict("policy", "LARGEST", "maxEntries", 0, "dryRun", true);
        JsonNode result = evict("policy", "LRU", "maxEntries", 1);

        assertThat(metric("llmcache_evictions_total", "LRU") - evictions).isEqualTo(2.0);
        assertThat(metric("llmcache_evicted_bytes_total", "LRU") - bytes).isEqualTo(result.get("freedBytes").asDouble());
        assertThat(metric("llmcache_evictions_total", "LARGEST")).isEqualTo(largest);
    }

    @Test
    void storesDuringEvictionAreKeptUnlessChosen() throws Exception {
        List<JsonNode> old = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            old.add(store("old" + i, 5000, small("old" + i)));
        }
        clock.advance(Duration.ofHours(1));
        int writers = 4;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch started = new CountDownLatch(writers);
        List<Future<List<JsonNode>>> written = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            written.add(pool.submit(() -> {
                started.countDown();
                List<JsonNode> acknowledged = new ArrayList<>();
                for (int i = 0; i < 25; i++) {
                    acknowledged.add(store("new" + writer + "-" + i, 5000, small("new" + i)));
                }
                return acknowledged;
            }));
        }
        started.await();
        // OLDEST with room for every new entry: only old entries can be chosen, however the runs interleave.
        JsonNode during = evict("policy", "OLDEST", "maxEntries", 100);
        List<JsonNode> acknowledged = new ArrayList<>();
        for (Future<List<JsonNode>> future : written) {
            acknowledged.addAll(future.get());
        }
        pool.shutdown();
        JsonNode settle = evict("policy", "OLDEST", "maxEntries", 100);

        assertThat(acknowledged).hasSize(100);
        assertThat(present(acknowledged.toArray(JsonNode[]::new))).hasSize(100);
        assertThat(present(old.toArray(JsonNode[]::new))).isEmpty();
        assertThat(during.get("evicted").asLong() + settle.get("evicted").asLong()).isEqualTo(150);
        assertThat(api.get("/api/v1/stats").json().get("totalEntries").asLong()).isEqualTo(100);
    }

    @Test
    void aRequestAnswersConflictWhileAnotherReplicaHoldsTheLock() {
        JsonNode entry = store("a", 5000, small("a"));
        holdLockElsewhere(Instant.now().plus(Duration.ofHours(1)));
        try {
            ApiClient.Response busy = api.post("/api/v1/eviction", body("policy", "LRU", "maxEntries", 0));

            assertThat(busy.status()).isEqualTo(409);
            assertThat(busy.header("Content-Type")).startsWith("application/problem+json");
            assertThat(busy.header("Retry-After")).isEqualTo("10");
            assertThat(busy.json().get("detail").asString()).contains("Another eviction is still running");
            assertThat(exists(entry)).isTrue();
        } finally {
            holdLockElsewhere(Instant.now().minus(Duration.ofSeconds(1)));
        }
        assertThat(evict("policy", "LRU", "maxEntries", 0).get("evicted").asLong()).isEqualTo(1);
    }

    @Test
    void onlyOneReplicaRunsAtATime() throws Exception {
        EvictionLock otherReplica = new EvictionLock(dataSource, transactions, database, scheduler);
        Optional<Optional<String>> nested = lock.run(Duration.ZERO, () -> {
            try {
                return otherReplica.run(Duration.ZERO, () -> "ran on the other replica");
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(nested).contains(Optional.empty());
        assertThat(otherReplica.run(Duration.ZERO, () -> "free again")).contains("free again");
    }

    @Test
    void healthReportsTheDatabaseAndTheDisk() {
        JsonNode health = api.get("/actuator/health").json();

        assertThat(health.get("status").asString()).isEqualTo("UP");
        JsonNode database = health.get("components").get("database");
        assertThat(database.get("status").asString()).isEqualTo("UP");
        assertThat(database.get("details").get("vendor").asString()).isEqualTo(this.database.vendor().name());
        JsonNode disk = health.get("components").get("diskSpace").get("details");
        assertThat(disk.get("free").asLong()).isPositive();
        assertThat(disk.get("total").asLong()).isGreaterThanOrEqualTo(disk.get("free").asLong());
        databaseDetails(database.get("details"));
    }

    /** The vendor's own size figures in the health details. */
    abstract void databaseDetails(JsonNode details);

    private JsonNode[] populate() {
        JsonNode[] entries = new JsonNode[12];
        for (int i = 0; i < entries.length; i++) {
            entries[i] = store("p" + i, (i % 4) * 2000L, i % 3 == 0 ? large(i, 1500 + 300 * i) : small("p" + i));
            clock.advance(Duration.ofDays(i < 2 ? 20 : 1));
        }
        hit(entries[5]);
        hit(entries[5]);
        hit(entries[8]);
        return entries;
    }

    private void holdLockElsewhere(Instant until) {
        jdbc.sql("""
                INSERT INTO shedlock (name, lock_until, locked_at, locked_by) VALUES ('eviction', :until, :now, 'other-replica')
                ON CONFLICT (name) DO UPDATE SET lock_until = :until, locked_at = :now, locked_by = 'other-replica'
                """).param("until", Timestamp.from(until)).param("now", Timestamp.from(Instant.now())).update();
    }

    private double metric(String name, String policy) {
        String scrape = api.get("/actuator/prometheus").body();
        Matcher line = Pattern.compile("(?m)^" + name + "\\{[^}]*policy=\"" + policy + "\"[^}]*} (\\S+)$").matcher(scrape);
        assertThat(line.find()).as(name + " for " + policy + " in\n" + scrape).isTrue();
        return Double.parseDouble(line.group(1));
    }

    private static Object[] append(Object[] fields, Object... more) {
        Object[] all = java.util.Arrays.copyOf(fields, fields.length + more.length);
        System.arraycopy(more, 0, all, fields.length, more.length);
        return all;
    }
}
