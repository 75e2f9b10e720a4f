package dev.llmcache.budget;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcache.ledger.LookupCounts;
import dev.llmcache.ledger.PendingLookups;
import dev.llmcache.lookup.AccessTracker;
import dev.llmcache.support.ApiClient;
import dev.llmcache.support.IntegrationTestSupport;
import dev.llmcache.support.MutableClock;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Token counts are bounded (10^12 per field) and budgets too, so that every figure stays exact: the
 * largest allowed entries stored hundreds of times over read back as exact sums everywhere, and
 * values past the bounds are 400s that name the field, changing nothing.
 */
abstract class ExactSumsScenarios extends IntegrationTestSupport {

    private static final long MAX_TOKENS = 1_000_000_000_000L;
    /** 400 entries at $20,000,000 each: $8 billion, close to the $9.2 billion a long of nano-dollars holds. */
    private static final int ENTRIES = 400;
    @Autowired
    AccessTracker tracker;

    private static final JsonMapper EXACT = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    @Test
    void largestAllowedEntriesStoredManyTimesOverSumExactlyInEveryFigure() {
        BigDecimal each = exact(api.get("/api/v1/pricing/quote?provider=xai&model=grok-beta&inputTokens=" + MAX_TOKENS
                + "&outputTokens=" + MAX_TOKENS)).get("costUsd").decimalValue();
        assertThat(each).isPositive();
        for (int i = 0; i < ENTRIES; i++) {
            ApiClient.Response stored = api.post("/api/v1/entries", maxEntry("content " + i));
            assertThat(stored.status()).isEqualTo(201);
            assertThat(exact(stored).get("costUsd").decimalValue()).isEqualByComparingTo(each);
            assertThat(stored.json().get("tokensUsed").asLong()).isEqualTo(2 * MAX_TOKENS);
            if (i % 40 == 0) {
                assertThat(api.get("/api/v1/entries/" + stored.json().get("cacheKey").asString()).status()).isEqualTo(200);
            }
        }
        BigDecimal total = each.multiply(BigDecimal.valueOf(ENTRIES));
        long tokens = 2 * MAX_TOKENS * ENTRIES;

        JsonNode stats = exact(api.get("/api/v1/stats"));
        assertThat(stats.get("totalEntries").asLong()).isEqualTo(ENTRIES);
        assertThat(stats.get("totalTokens").asLong()).isEqualTo(tokens);
        assertThat(stats.get("estimatedCostUsd").decimalValue()).isEqualByComparingTo(total);
        assertThat(stats.get("savedCostUsd").decimalValue()).isEqualByComparingTo(each.multiply(BigDecimal.TEN));
        assertThat(stats.get("byType").get(0).get("costUsd").decimalValue()).isEqualByComparingTo(total);
        assertThat(stats.get("byType").get(0).get("tokens").asLong()).isEqualTo(tokens);
        assertThat(stats.get("byModel").get(0).get("costUsd").decimalValue()).isEqualByComparingTo(total);

        JsonNode budget = exact(api.get("/api/v1/budget"));
        assertThat(budget.get("spentUsd").decimalValue()).isEqualByComparingTo(total);
        assertThat(budget.get("status").asString()).isEqualTo("EXCEEDED");
        assertThat(budget.get("remainingUsd").decimalValue()).isZero();
        assertThat(budget.get("savedUsd").decimalValue()).isEqualByComparingTo(each.multiply(BigDecimal.TEN));
        assertThat(budget.get("projectedMonthEndUsd").decimalValue()).isEqualByComparingTo(projected(total));

        JsonNode month = exact(api.get("/api/v1/budget/history?months=12")).get(0);
        assertThat(month.get("spentUsd").decimalValue()).isEqualByComparingTo(total);
        assertThat(month.get("tokens").asLong()).isEqualTo(tokens);
        assertThat(month.get("writes").asLong()).isEqualTo(ENTRIES);

        ApiClient.Response text = api.get("/api/v1/stats", "Accept", "text/plain");
        assertThat(text.status()).isEqualTo(200);
        assertThat(text.body()).contains("$8000000000.0000");

        ApiClient.Response largest = api.put("/api/v1/budget", Map.of("monthlyBudgetUsd", new BigDecimal("1000000000")));
        assertThat(largest.status()).isEqualTo(200);
        assertThat(largest.json().get("monthlyBudgetUsd").decimalValue()).isEqualByComparingTo("1000000000");
    }

    /**
     * Sums are longs of nano-dollars: the store that would carry the month's spend (and the cost of the
     * entries held) past $9,223,372,036.854775807 is refused, where SQLite's sum turned into a float and
     * PostgreSQL's failed with a 500. The dearest row of the table ($210 per million input and output
     * tokens together) at the largest counts gets there in 44 stores.
     */
    @Test
    void aStoreThatWouldCarryASumPastWhatALongHoldsIsA400AndChangesNothing() {
        BigDecimal each = exact(api.get("/api/v1/pricing/quote?provider=openai&model=gpt-5.5-pro&inputTokens=" + MAX_TOKENS
                + "&outputTokens=" + MAX_TOKENS)).get("costUsd").decimalValue();
        BigDecimal ceiling = new BigDecimal(Long.MAX_VALUE).movePointLeft(9);
        int fit = ceiling.divideToIntegralValue(each).intValueExact();
        assertThat(fit).isBetween(10, 100);
        for (int i = 0; i < fit; i++) {
            assertThat(api.post("/api/v1/entries", dearEntry("dear " + i)).status()).isEqualTo(201);
        }
        BigDecimal total = each.multiply(BigDecimal.valueOf(fit));

        ApiClient.Response refused = api.post("/api/v1/entries", dearEntry("one too many"));

        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.json().get("type").asString()).isEqualTo("/problems/invalid-request");
        assertThat(refused.json().get("errors").get(0).get("field").asString()).isEqualTo("costUsd");
        assertThat(refused.json().get("detail").asString()).contains("9223372036.854775807");
        JsonNode stats = exact(api.get("/api/v1/stats"));
        assertThat(stats.get("totalEntries").asLong()).isEqualTo(fit);
        assertThat(stats.get("estimatedCostUsd").decimalValue()).isEqualByComparingTo(total);
        assertThat(stats.get("byModel").get(0).get("costUsd").decimalValue()).isEqualByComparingTo(total);
        assertThat(exact(api.get("/api/v1/budget")).get("spentUsd").decimalValue()).isEqualByComparingTo(total);
        JsonNode month = exact(api.get("/api/v1/budget/history?months=1")).get(0);
        assertThat(month.get("spentUsd").decimalValue()).isEqualByComparingTo(total);
        assertThat(month.get("writes").asLong()).isEqualTo(fit);
        assertThat(api.get("/api/v1/stats", "Accept", "text/plain").status()).isEqualTo(200);
        // a store that still fits is taken
        assertThat(api.post("/api/v1/entries", entry("small")).status()).isEqualTo(201);
    }

    /**
     * Stores sent all at once share the writer's transactions (group commit), where their spend is
     * written at the commit: the ceiling on the month's spend still counts the stores before them in the
     * same group, so exactly as many are taken as fit and the sums stay exact.
     */
    @Test
    void storesSentAtOnceArePastTheCeilingRefusedExactlyWhereTheSumWouldNoLongerFit() throws Exception {
        BigDecimal each = exact(api.get("/api/v1/pricing/quote?provider=openai&model=gpt-5.5-pro&inputTokens=" + MAX_TOKENS
                + "&outputTokens=" + MAX_TOKENS)).get("costUsd").decimalValue();
        int fit = new BigDecimal(Long.MAX_VALUE).movePointLeft(9).divideToIntegralValue(each).intValueExact();
        // half of the month's room spent by entries since cleared: the month's spend, not the entries held, is the limit
        int spentBefore = fit / 2;
        for (int i = 0; i < spentBefore; i++) {
            assertThat(api.post("/api/v1/entries", dearEntry("earlier " + i)).status()).isEqualTo(201);
        }
        assertThat(api.delete("/api/v1/entries?all=true").status()).isEqualTo(200);
        int room = fit - spentBefore;
        int sent = room + 4;
        ExecutorService pool = Executors.newFixedThreadPool(sent);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> statuses = new ArrayList<>();
        for (int i = 0; i < sent; i++) {
            Map<String, Object> entry = dearEntry("at once " + i);
            statuses.add(pool.submit(() -> {
                ApiClient client = new ApiClient(port).inNamespace(namespace);
                start.await();
                return client.post("/api/v1/entries", entry).status();
            }));
        }
        start.countDown();
        List<Integer> answers = new ArrayList<>();
        for (Future<Integer> status : statuses) {
            answers.add(status.get(2, TimeUnit.MINUTES));
        }
        pool.shutdown();

        assertThat(answers).filteredOn(status -> status == 201).hasSize(room);
        assertThat(answers).filteredOn(status -> status == 400).hasSize(4);
        JsonNode stats = exact(api.get("/api/v1/stats"));
        assertThat(stats.get("totalEntries").asLong()).isEqualTo(room);
        assertThat(stats.get("estimatedCostUsd").decimalValue()).isEqualByComparingTo(each.multiply(BigDecimal.valueOf(room)));
        assertThat(exact(api.get("/api/v1/budget")).get("spentUsd").decimalValue())
                .isEqualByComparingTo(each.multiply(BigDecimal.valueOf(fit)));
    }

    /**
     * Each hit adds its entry's cost to the savings: 44 hits of a $210,000,000 entry pass what a long of
     * nano-dollars holds. The savings stop at $9,223,372,036.854775807 (in memory, in the flush, where
     * PostgreSQL failed for ever and SQLite turned the sum into a float, and in sums of several rows), the
     * hits go on being counted and flushed, and one WARN line says so.
     */
    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void hitsPastTheCeilingKeepCountingWhileTheirSavingsStopThere(CapturedOutput output) {
        String[] keys = new String[2];
        for (int i = 0; i < keys.length; i++) {
            Map<String, Object> entry = dearEntry("hit " + i);
            entry.put("cacheType", i == 0 ? "refactor" : "docs");
            ApiClient.Response stored = api.post("/api/v1/entries", entry);
            assertThat(stored.status()).as(stored.body()).isEqualTo(201);
            keys[i] = stored.json().get("cacheKey").asString();
        }
        BigDecimal ceiling = new BigDecimal(Long.MAX_VALUE).movePointLeft(9);
        int hits = 0;
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 45; i++) { // 45 hits of one entry pass the ceiling in memory already
                for (String key : keys) {
                    assertThat(api.get("/api/v1/entries/" + key).status()).isEqualTo(200);
                    hits++;
                }
            }
            tracker.flush(); // rounds 2 and 3 start from the ceiling in the database
            assertThat(tracker.readWithPending(namespace, PendingLookups::total)).as("nothing left unflushed")
                    .isEqualTo(LookupCounts.ZERO);
            JsonNode stats = exact(api.get("/api/v1/stats"));
            assertThat(stats.get("hits").asLong()).isEqualTo(hits);
        }
        // and some unflushed ones on top of the ceiling
        assertThat(api.get("/api/v1/entries/" + keys[0]).status()).isEqualTo(200);
        hits++;

        JsonNode stats = exact(api.get("/api/v1/stats"));
        assertThat(stats.get("hits").asLong()).isEqualTo(hits);
        assertThat(stats.get("savedCostUsd").decimalValue()).isEqualByComparingTo(ceiling);
        JsonNode budget = exact(api.get("/api/v1/budget"));
        assertThat(budget.get("savedUsd").decimalValue()).isEqualByComparingTo(ceiling);
        JsonNode month = exact(api.get("/api/v1/budget/history?months=1")).get(0);
        assertThat(month.get("hits").asLong()).isEqualTo(hits);
        assertThat(month.get("savedUsd").decimalValue()).isEqualByComparingTo(ceiling);
        tracker.flush();
        assertThat(tracker.readWithPending(namespace, PendingLookups::total)).isEqualTo(LookupCounts.ZERO);
        assertThat(exact(api.get("/api/v1/budget/history?months=1")).get(0).get("hits").asLong()).isEqualTo(hits);
        assertThat(output.getAll().split("The savings of namespace " + namespace + " reached", -1)).hasSize(2);
    }

    @Test
    void tokenCountsOverTheLimitAre400sNamingTheFieldAndTheLimit() {
        for (String field : List.of("tokensUsed", "inputTokens", "outputTokens")) {
            Map<String, Object> entry = entry("over " + field);
            entry.put(field, MAX_TOKENS + 1);
            ApiClient.Response refused = api.post("/api/v1/entries", entry);
            assertThat(refused.status()).as(field).isEqualTo(400);
            assertThat(refused.json().get("errors").toString()).as(field).contains(field).contains("1000000000000");
        }
        Map<String, Object> atTheLimit = entry("at the limit");
        atTheLimit.put("tokensUsed", MAX_TOKENS);
        atTheLimit.put("inputTokens", MAX_TOKENS);
        atTheLimit.put("outputTokens", MAX_TOKENS);
        assertThat(api.post("/api/v1/entries", atTheLimit).status()).isEqualTo(201);
        assertThat(api.get("/api/v1/stats").json().get("totalEntries").asLong()).isEqualTo(1);
    }

    @Test
    void budgetsThatCannotBeCountedExactlyAre400sNamingTheFieldAndChangeNothing() {
        for (String amount : List.of("1e400", "1e-400", "-1", "0", "0.0000000001", "1000000000.01", "9223372036854775807",
                "1e19")) {
            ApiClient.Response refused = api.put("/api/v1/budget", "{\"monthlyBudgetUsd\": " + amount + "}");
            assertThat(refused.status()).as(amount).isEqualTo(400);
            assertThat(refused.body()).as(amount).contains("monthlyBudgetUsd");
        }
        JsonNode budget = api.get("/api/v1/budget").json();
        assertThat(budget.get("monthlyBudgetUsd").decimalValue()).isEqualByComparingTo("3");
        assertThat(api.put("/api/v1/budget", Map.of("monthlyBudgetUsd", new BigDecimal("0.000000001"))).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/budget").json().get("status").asString()).isEqualTo("OK");
    }

    /** The answer's JSON with every fraction as a BigDecimal: a double would round the figures under test. */
    private static JsonNode exact(ApiClient.Response response) {
        return EXACT.readTree(response.body());
    }

    private static BigDecimal projected(BigDecimal spent) {
        Instant start = Instant.parse("2026-11-01T00:00:00Z");
        long length = Duration.between(start, Instant.parse("2026-12-01T00:00:00Z")).toMillis();
        long elapsed = Duration.between(start, MutableClock.START).toMillis();
        return spent.movePointRight(9).multiply(BigDecimal.valueOf(length))
                .divide(BigDecimal.valueOf(elapsed), 0, RoundingMode.HALF_UP).movePointLeft(9);
    }

    private static Map<String, Object> maxEntry(String content) {
        Map<String, Object> entry = new LinkedHashMap<>(entry(content));
        entry.remove("tokensUsed");
        entry.put("inputTokens", MAX_TOKENS);
        entry.put("outputTokens", MAX_TOKENS);
        return entry;
    }

    private static Map<String, Object> dearEntry(String content) {
        Map<String, Object> entry = maxEntry(content);
        entry.put("provider", "openai");
        entry.put("model", "gpt-5.5-pro");
        return entry;
    }
}
