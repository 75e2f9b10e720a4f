package dev.llmcache.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.llmcache.entry.EntryService;
import dev.llmcache.entry.KeyFactors;
import dev.llmcache.entry.NewEntry;
import dev.llmcache.entry.ResultCodec;
import dev.llmcache.support.ApiClient;
import dev.llmcache.support.IntegrationTestSupport;
import dev.llmcache.support.Sha256;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Miss leases over HTTP (API.md, "Miss leases"): twenty clients missing one key make one LLM call;
 * a holder that crashes is taken over after expiry, or at once after a release; waits run out;
 * budget enforcement refuses leases. Time moves only by the test clock and explicit polls.
 */
@TestPropertySource(properties = {"cache.budget.enforce=true", "cache.leases.max-waiters=30"})
abstract class LeaseScenarios extends IntegrationTestSupport {

    static final int CLIENTS = 20;

    @Autowired
    LeaseWaiters waiters;

    @Autowired
    EntryService entries;

    @Autowired
    ResultCodec codec;

    ExecutorService pool;

    @BeforeEach
    void clients() {
        pool = Executors.newFixedThreadPool(40);
    }

    @AfterEach
    void noWaiterLeft() {
        pool.shutdownNow();
        assertThat(waiters.waiting()).as("lookups still parked after the test").isZero();
    }

    @Test
    void twentyClientsMissingOneKeyAtOnceMakeOneLlmCall() throws Exception {
        String content = "twenty " + namespace;
        List<Future<ApiClient.Response>> lookups = lookUpAtOnce(CLIENTS, content, "lease=PT5M&wait=PT10M");
        ApiClient.Response holder = theOneAnsweredWhileTheOthersWait(lookups, CLIENTS - 1);
        assertThat(holder.status()).isEqualTo(404);
        String lease = holder.header("Cache-Lease");
        assertThat(lease).isNotBlank();
        assertThat(holder.header("Cache-Lease-Expires")).isEqualTo("2026-11-21T08:20:00Z");
        assertThat(holder.json().get("lease").get("id").asString()).isEqualTo(lease);
        assertThat(holder.json().get("lease").get("expiresAt").asString()).isEqualTo("2026-11-21T08:20:00Z");
        assertThat(holder.header("Cache-Budget-Status")).isEqualTo("OK");

        // the "LLM call" happens now, once: then the holder stores with its lease
        assertThat(api.post("/api/v1/entries", entry(content), "Cache-Lease", lease).status()).isEqualTo(201);

        for (ApiClient.Response waiter : others(lookups, holder, true)) {
            assertThat(waiter.status()).as(waiter.toString()).isEqualTo(200);
            assertThat(waiter.json().get("result").get("path").asString()).isEqualTo("src/main.rs");
        }
        JsonNode month = api.get("/api/v1/budget/history").json().get(0);
        assertThat(month.get("writes").asLong()).as("writes in the ledger").isEqualTo(1);
        JsonNode stats = api.get("/api/v1/stats").json();
        assertThat(stats.get("hits").asLong()).isEqualTo(CLIENTS - 1);
        assertThat(stats.get("misses").asLong()).isEqualTo(1);
        assertThat(stats.get("duplicateSpendUsd").decimalValue()).isZero();
        assertThat(api.delete("/api/v1/leases/" + lease).status()).as("a stored lease has ended").isEqualTo(404);
    }

    @Test
    void aWaiterTakesOverTheLeaseOfACrashedHolderAfterItExpires() throws Exception {
        String content = "crash " + namespace;
        List<Future<ApiClient.Response>> lookups = lookUpAtOnce(CLIENTS, content, "lease=PT30S&wait=PT10M");
        ApiClient.Response crashed = theOneAnsweredWhileTheOthersWait(lookups, CLIENTS - 1);
        assertThat(crashed.header("Cache-Lease")).isNotBlank();

        clock.advance(Duration.ofSeconds(30)); // the holder never stores: its lease expires
        waiters.poll();

        ApiClient.Response takeover = theOneAnsweredWhileTheOthersWait(others(lookups, crashed), CLIENTS - 2);
        assertThat(takeover.status()).isEqualTo(404);
        assertThat(takeover.header("Cache-Lease")).isNotBlank().isNotEqualTo(crashed.header("Cache-Lease"));
        assertThat(api.post("/api/v1/entries", entry(content), "Cache-Lease", takeover.header("Cache-Lease")).status())
                .isEqualTo(201);
        List<Future<ApiClient.Response>> rest = new ArrayList<>(lookups);
        rest.removeIf(future -> future.isDone() && (result(future) == crashed || result(future) == takeover));
        for (Future<ApiClient.Response> waiter : rest) {
            assertThat(waiter.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
        }
        assertThat(api.get("/api/v1/budget/history").json().get(0).get("writes").asLong()).isEqualTo(1);
        assertThat(api.get("/actuator/prometheus").body())
                .contains("llmcache_leases_total{namespace=\"" + namespace + "\",outcome=\"expired\"} 1.0")
                .contains("llmcache_lease_waits_total{namespace=\"" + namespace + "\",outcome=\"took_over\"} 1.0")
                .contains("llmcache_lease_waits_total{namespace=\"" + namespace + "\",outcome=\"hit\"} " + (CLIENTS - 2) + ".0");
    }

    @Test
    void aWaiterTakesOverAReleasedLeaseAtOnce() throws Exception {
        String content = "release " + namespace;
        List<Future<ApiClient.Response>> lookups = lookUpAtOnce(CLIENTS, content, "lease=PT5M&wait=PT10M");
        ApiClient.Response gaveUp = theOneAnsweredWhileTheOthersWait(lookups, CLIENTS - 1);

        assertThat(api.delete("/api/v1/leases/" + gaveUp.header("Cache-Lease")).status()).isEqualTo(204);

        // no poll, no clock: the release wakes the waiters of this server itself
        ApiClient.Response takeover = theOneAnsweredWhileTheOthersWait(others(lookups, gaveUp), CLIENTS - 2);
        assertThat(takeover.header("Cache-Lease")).isNotBlank();
        assertThat(api.delete("/api/v1/leases/" + gaveUp.header("Cache-Lease")).status()).isEqualTo(404);
        assertThat(api.post("/api/v1/entries", entry(content), "Cache-Lease", takeover.header("Cache-Lease")).status())
                .isEqualTo(201);
        for (Future<ApiClient.Response> waiter : lookups) {
            ApiClient.Response answer = waiter.get(30, TimeUnit.SECONDS);
            if (answer != gaveUp && answer != takeover) {
                assertThat(answer.status()).isEqualTo(200);
            }
        }
        assertThat(api.get("/api/v1/budget/history").json().get(0).get("writes").asLong()).isEqualTo(1);
    }

    @Test
    void aWaitThatRunsOutAnswers404WithLeaseHeldUntilAndRetryAfter() throws Exception {
        String content = "timeout " + namespace;
        assertThat(lookUp(content, "lease=PT5M").header("Cache-Lease")).isNotBlank();
        Future<ApiClient.Response> waiting = pool.submit(() -> lookUp(content, "wait=PT1M"));
        await().atMost(Duration.ofSeconds(20)).until(() -> waiters.waiting() == 1);

        clock.advance(Duration.ofMinutes(1));
        waiters.poll();

        ApiClient.Response answer = waiting.get(30, TimeUnit.SECONDS);
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.json().get("leaseHeldUntil").asString()).isEqualTo("2026-11-21T08:20:00Z");
        assertThat(answer.header("Retry-After")).isEqualTo("240");
        assertThat(answer.header("Cache-Lease")).isNull();
    }

    @Test
    void anImportOfAHeldKeyEndsItsLeaseAndAnswersItsWaitersWithTheResult() throws Exception {
        String content = "imported " + namespace;
        String lease = lookUp(content, "lease=PT5M").header("Cache-Lease");
        assertThat(lease).isNotBlank();
        Future<ApiClient.Response> waiting = pool.submit(() -> lookUp(content, "wait=PT1M"));
        await().atMost(Duration.ofSeconds(20)).until(() -> waiters.waiting() == 1);

        // a migration's batch writes the key (API.md: "If the result is stored meanwhile it is answered as a hit")
        assertThat(entries.storeAllIfAbsent(List.of(imported(content)))).containsExactly(true);

        assertThat(waiting.get(30, TimeUnit.SECONDS).status()).as("answered without waiting out its minute").isEqualTo(200);
        assertThat(api.delete("/api/v1/leases/" + lease).status()).as("the import ended the lease").isEqualTo(404);
        assertThat(api.get("/actuator/prometheus").body())
                .contains("llmcache_leases_total{namespace=\"" + namespace + "\",outcome=\"stored\"} 1.0")
                .contains("llmcache_lease_waits_total{namespace=\"" + namespace + "\",outcome=\"hit\"} 1.0");
    }

    @Test
    void aLeaseThatExpiredBeforeItsHolderStoredCountsAsExpired() {
        String content = "late " + namespace;
        assertThat(lookUp(content, "lease=PT30S").header("Cache-Lease")).isNotBlank();
        clock.advance(Duration.ofSeconds(31)); // the holder is late, and the sweep has not run yet

        assertThat(api.post("/api/v1/entries", entry(content)).status()).isEqualTo(201);

        // every granted lease ends as one of stored, released or expired
        assertThat(api.get("/actuator/prometheus").body())
                .contains("llmcache_leases_total{namespace=\"" + namespace + "\",outcome=\"granted\"} 1.0")
                .contains("llmcache_leases_total{namespace=\"" + namespace + "\",outcome=\"expired\"} 1.0")
                .doesNotContain("llmcache_leases_total{namespace=\"" + namespace + "\",outcome=\"stored\"} 1.0");
    }

    @Test
    void aMissOnAHeldKeyWithoutWaitAnswersAtOnceWithLeaseHeldUntil() {
        String content = "held " + namespace;
        ApiClient.Response holder = lookUp(content, "lease=PT5M");

        ApiClient.Response second = lookUp(content, "lease=PT5M");
        ApiClient.Response plain = api.post("/api/v1/lookup", lookupBody(content));

        assertThat(second.status()).isEqualTo(404);
        assertThat(second.header("Cache-Lease")).isNull();
        assertThat(second.json().get("leaseHeldUntil").asString()).isEqualTo(holder.header("Cache-Lease-Expires"));
        assertThat(plain.json().get("leaseHeldUntil").asString()).isEqualTo(holder.header("Cache-Lease-Expires"));
        assertThat(plain.header("Cache-Budget-Status")).isEqualTo("OK");
    }

    @Test
    void headOnAHeldKeyHasTheHeadersOfGetsMissAndCountsNothing() {
        String content = "head " + namespace;
        lookUp(content, "lease=PT5M");
        long misses = api.get("/api/v1/stats").json().get("misses").asLong();

        ApiClient.Response head = api.head("/api/v1/entries/" + key(content));
        long missesAfterHead = api.get("/api/v1/stats").json().get("misses").asLong();
        ApiClient.Response get = lookUp(content, "");

        assertThat(head.status()).isEqualTo(404);
        assertThat(head.body()).isEmpty();
        assertThat(missesAfterHead).as("HEAD counts no miss").isEqualTo(misses);
        assertThat(head.header("Retry-After")).isEqualTo("300").isEqualTo(get.header("Retry-After"));
        assertThat(head.header("Cache-Lease")).isNull();
        for (String header : List.of("Content-Type", "Content-Length", "Cache-Budget-Status")) {
            assertThat(head.header(header)).as(header).isNotNull().isEqualTo(get.header(header));
        }
    }

    @Test
    void aWaiterAskingForALeaseWhoseWaitRunsOutPastTheBudgetIsAnswered402AsItsRequestWouldBeNow() throws Exception {
        String content = "waited past budget " + namespace;
        assertThat(lookUp(content, "lease=PT5M").header("Cache-Lease")).isNotBlank();
        Future<ApiClient.Response> waiting = pool.submit(() -> lookUp(content, "lease=PT5M&wait=PT1M"));
        await().atMost(Duration.ofSeconds(20)).until(() -> waiters.waiting() == 1);
        assertThat(api.put("/api/v1/budget", Map.of("monthlyBudgetUsd", 0.04)).status()).isEqualTo(200);
        api.post("/api/v1/entries", entry("paid meanwhile " + namespace)); // $0.05 of a $0.04 budget

        clock.advance(Duration.ofMinutes(1));
        waiters.poll();

        ApiClient.Response answer = waiting.get(30, TimeUnit.SECONDS);
        assertThat(answer.status()).isEqualTo(402).isEqualTo(lookUp(content, "lease=PT5M").status());
        assertThat(answer.json().get("type").asString()).isEqualTo("/problems/budget-exceeded");
    }

    @Test
    void anExceededBudgetWithEnforcementAnswers402AndGrantsNoLease() {
        assertThat(api.put("/api/v1/budget", Map.of("monthlyBudgetUsd", 0.04)).status()).isEqualTo(200);
        api.post("/api/v1/entries", entry("paid " + namespace)); // $0.05 of a $0.04 budget
        String content = "over budget " + namespace;

        ApiClient.Response refused = lookUp(content, "lease=PT5M&wait=PT1M");

        assertThat(refused.status()).isEqualTo(402);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.json().get("type").asString()).isEqualTo("/problems/budget-exceeded");
        assertThat(refused.json().get("spentUsd").decimalValue()).isEqualByComparingTo(new BigDecimal("0.05"));
        assertThat(refused.json().get("monthlyBudgetUsd").decimalValue()).isEqualByComparingTo(new BigDecimal("0.04"));
        assertThat(refused.header("Cache-Budget-Status")).isEqualTo("EXCEEDED");
        ApiClient.Response withoutLease = lookUp(content, "");
        assertThat(withoutLease.status()).isEqualTo(404);
        assertThat(withoutLease.header("Cache-Budget-Status")).isEqualTo("EXCEEDED");
        assertThat(withoutLease.json().has("leaseHeldUntil")).as("no lease was granted").isFalse();
    }

    @Test
    void aMissSeesTheSpendAndTheBudgetChangedSinceTheMissBefore() {
        String content = "budget moves " + namespace;
        assertThat(api.put("/api/v1/budget", Map.of("monthlyBudgetUsd", 0.06)).status()).isEqualTo(200);
        assertThat(lookUp(content, "").header("Cache-Budget-Status")).isEqualTo("OK");

        assertThat(api.post("/api/v1/entries", entry("paid " + namespace)).status()).isEqualTo(201); // $0.05 of $0.06: 83 %
        assertThat(lookUp(content, "").header("Cache-Budget-Status")).isEqualTo("WARNING");

        assertThat(api.put("/api/v1/budget", Map.of("monthlyBudgetUsd", 0.05)).status()).isEqualTo(200);
        assertThat(lookUp(content, "").header("Cache-Budget-Status")).isEqualTo("EXCEEDED");
        assertThat(lookUp(content, "lease=PT5M").status()).as("enforced on the spend just read").isEqualTo(402);
    }

    @Test
    void aBatchWithLeaseGrantsTheMissesNoOneHolds() {
        api.post("/api/v1/entries", entry("stored " + namespace));
        lookUp("held " + namespace, "lease=PT5M");
        Map<String, Object> batch = Map.of("lookups", List.of(lookupBody("stored " + namespace),
                lookupBody("held " + namespace), lookupBody("free " + namespace)));

        ApiClient.Response answer = api.post("/api/v1/lookup/batch?lease=PT2M", batch);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Cache-Budget-Status")).isEqualTo("OK");
        JsonNode results = answer.json().get("results");
        assertThat(results.get(0).get("hit").asBoolean()).isTrue();
        assertThat(results.get(0).has("lease")).isFalse();
        assertThat(results.get(1).get("leaseHeldUntil").asString()).isEqualTo("2026-11-21T08:20:00Z");
        assertThat(results.get(2).get("lease").get("expiresAt").asString()).isEqualTo("2026-11-21T08:17:00Z");
        assertThat(api.delete("/api/v1/leases/" + results.get(2).get("lease").get("id").asString()).status()).isEqualTo(204);
    }

    @Test
    void aStoreOverAnExistingEntryIsDuplicateSpend() {
        api.post("/api/v1/entries", entry("twice " + namespace));
        api.post("/api/v1/entries", entry("twice " + namespace));

        assertThat(api.get("/api/v1/stats").json().get("duplicateSpendUsd").decimalValue()).isEqualByComparingTo("0.05");
        assertThat(api.get("/api/v1/budget").json().get("duplicateSpendUsd").decimalValue()).isEqualByComparingTo("0.05");
        assertThat(api.get("/api/v1/budget").json().get("spentUsd").decimalValue()).isEqualByComparingTo("0.10");
        assertThat(api.get("/actuator/prometheus").body())
                .contains("llmcache_duplicate_spend_usd_total{namespace=\"" + namespace + "\"} 0.05");
    }

    @Test
    void badLeaseAndWaitDurationsAre400() {
        for (String query : List.of("lease=PT0.5S", "lease=PT2H", "lease=soon", "wait=PT11M", "wait=-PT1S")) {
            ApiClient.Response answer = lookUp("bad " + namespace, query);
            assertThat(answer.status()).as(query).isEqualTo(400);
            assertThat(answer.json().get("errors").get(0).get("field").asString()).isEqualTo(query.substring(0, query.indexOf('=')));
            // HEAD takes no lease and never waits, but answers a malformed parameter as GET does
            assertThat(api.head("/api/v1/entries/" + key("bad " + namespace) + "?" + query).status()).as("HEAD " + query)
                    .isEqualTo(400);
        }
        assertThat(api.head("/api/v1/entries/" + key("bad " + namespace) + "?lease=PT1M&wait=PT1M").status()).isEqualTo(404);
        assertThat(api.get("/api/v1/stats").json().get("misses").asLong()).as("400s and HEADs count nothing").isZero();
    }

    @Test
    void beyondMaxWaitersALookupGets503WithRetryAfter() throws Exception {
        String content = "crowd " + namespace;
        lookUp(content, "lease=PT5M");
        List<Future<ApiClient.Response>> waiting = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            waiting.add(pool.submit(() -> lookUp(content, "wait=PT10M")));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> waiters.waiting() == 30);

        ApiClient.Response refused = lookUp(content, "wait=PT10M");

        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.header("Retry-After")).isEqualTo("1");
        api.post("/api/v1/entries", entry(content));
        for (Future<ApiClient.Response> waiter : waiting) {
            assertThat(waiter.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
        }
    }

    private NewEntry imported(String content) {
        return new NewEntry(namespace, new KeyFactors("refactor", "grok-beta", Sha256.hex(content), "", 1), null, "",
                "src/main.rs", (long) content.length(), "xai", 5000, null, null, null, null,
                codec.encode(JsonMapper.builder().build().readTree("{\"path\": \"src/main.rs\"}")), clock.instant(), null);
    }

    ApiClient.Response lookUp(String content, String query) {
        return api.get("/api/v1/entries/" + key(content) + (query.isEmpty() ? "" : "?" + query));
    }

    static String key(String content) {
        return new KeyFactors("refactor", "grok-beta", Sha256.hex(content), "", 1).cacheKey();
    }

    static Map<String, Object> lookupBody(String content) {
        return Map.of("cacheType", "refactor", "model", "grok-beta", "content", content);
    }

    List<Future<ApiClient.Response>> lookUpAtOnce(int clients, String content, String query) {
        List<Future<ApiClient.Response>> lookups = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            lookups.add(pool.submit(() -> lookUp(content, query)));
        }
        return lookups;
    }

    /** Waits until exactly one lookup is answered and {@code parked} wait; that one's answer. */
    ApiClient.Response theOneAnsweredWhileTheOthersWait(List<Future<ApiClient.Response>> lookups, int parked) {
        await().atMost(Duration.ofSeconds(30)).until(() -> waiters.waiting() == parked
                && lookups.stream().filter(Future::isDone).count() == 1);
        return lookups.stream().filter(Future::isDone).map(LeaseScenarios::result).findFirst().orElseThrow();
    }

    static List<Future<ApiClient.Response>> others(List<Future<ApiClient.Response>> lookups, ApiClient.Response answered) {
        List<Future<ApiClient.Response>> rest = new ArrayList<>(lookups);
        rest.removeIf(future -> future.isDone() && result(future) == answered);
        return rest;
    }

    static List<ApiClient.Response> others(List<Future<ApiClient.Response>> lookups, ApiClient.Response answered, boolean wait)
            throws Exception {
        List<ApiClient.Response> rest = new ArrayList<>();
        for (Future<ApiClient.Response> future : others(lookups, answered)) {
            rest.add(future.get(30, TimeUnit.SECONDS));
        }
        return rest;
    }

    static ApiClient.Response result(Future<ApiClient.Response> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
