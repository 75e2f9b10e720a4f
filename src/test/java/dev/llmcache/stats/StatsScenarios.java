package dev.llmcache.stats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcache.entry.KeyFactors;
import dev.llmcache.support.Sha256;
import dev.llmcache.lookup.AccessTracker;
import dev.llmcache.storage.DatabaseMaintenance;
import dev.llmcache.support.ApiClient;
import dev.llmcache.support.DiskUsage;
import dev.llmcache.support.IntegrationTestSupport;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** Every figure of /stats, /budget and /budget/history, to the cent; on SQLite and PostgreSQL. */
abstract class StatsScenarios extends IntegrationTestSupport {

    @Autowired
    AccessTracker tracker;

    @Autowired
    DatabaseMaintenance database;

    @Autowired
    JdbcTemplate jdbc;

    @Value("${cache.data-dir:./data}")
    Path dataDir;

    private Map<String, Object> priced(String content, String type, String provider, String model) {
        Map<String, Object> entry = entry(content);
        entry.put("cacheType", type);
        entry.put("provider", provider);
        entry.put("model", model);
        entry.remove("tokensUsed");
        return entry;
    }

    /** Three writes worth $0.05, $0.033 and $0.045045; three hits and two misses. */
    private void writeHitAndMiss() {
        Map<String, Object> grok = priced("a", "refactor", "xai", "grok-beta");
        grok.put("tokensUsed", 5000);                                 // estimated: 5000 × $10/M = $0.05
        Map<String, Object> claude = priced("b", "docs", "anthropic", "claude-3-5-sonnet");
        claude.put("inputTokens", 1000);                              // exact: 1000 × $3/M + 2000 × $15/M
        claude.put("outputTokens", 2000);                             //      = $0.003 + $0.03 = $0.033
        Map<String, Object> gpt = priced("c", "refactor", "openai", "gpt-4");
        gpt.put("tokensUsed", 1001);                                  // estimated: 1001 × $45/M = $0.045045
        assertThat(api.post("/api/v1/entries", grok).status()).isEqualTo(201);
        assertThat(api.post("/api/v1/entries", claude).status()).isEqualTo(201);
        assertThat(api.post("/api/v1/entries", gpt).status()).isEqualTo(201);

        String grokKey = new KeyFactors("refactor", "grok-beta", Sha256.hex("a"), "", 1).cacheKey();
        assertThat(api.get("/api/v1/entries/" + grokKey).status()).isEqualTo(200);                          // hit, saves $0.05
        assertThat(api.get("/api/v1/entries/" + grokKey, "If-None-Match", api.head("/api/v1/entries/" + grokKey)
                .header("ETag")).status()).isEqualTo(304);                                                    // hit, saves $0.05
        assertThat(api.post("/api/v1/lookup", Map.of("cacheType", "docs", "model", "claude-3-5-sonnet", "content", "b"))
                .status()).isEqualTo(200);                                                                     // hit, saves $0.033
        assertThat(api.get("/api/v1/entries/" + "0".repeat(64)).status()).isEqualTo(404);                    // miss, type unknown
        assertThat(api.post("/api/v1/lookup", Map.of("cacheType", "docs", "model", "claude-3-5-sonnet", "content", "z"))
                .status()).isEqualTo(404);                                                                     // miss, docs
    }

    private void assertStatsFigures() {
        JsonNode stats = api.get("/api/v1/stats").json();
        assertThat(stats.get("namespace").asString()).isEqualTo(namespace);
        assertThat(stats.get("totalEntries").asLong()).isEqualTo(3);
        assertThat(stats.get("totalTokens").asLong()).isEqualTo(5000 + 3000 + 1001);
        assertThat(stats.get("totalFileSize").asLong()).isEqualTo(3);
        assertThat(stats.get("estimatedCostUsd").decimalValue()).isEqualByComparingTo("0.128045");
        assertThat(stats.get("hits").asLong()).isEqualTo(3);
        assertThat(stats.get("misses").asLong()).isEqualTo(2);
        assertThat(stats.get("hitRate").asDouble()).isEqualTo(0.6);
        assertThat(stats.get("savedCostUsd").decimalValue()).isEqualByComparingTo("0.133");
        long result = stats.get("totalResultBytes").asLong();
        long stored = stats.get("totalStoredBytes").asLong();
        assertThat(result).isPositive();
        assertThat(stats.get("spaceSavedPercent").asDouble()).isCloseTo(100.0 * (result - stored) / result,
                org.assertj.core.data.Offset.offset(1e-9));

        JsonNode byType = stats.get("byType");
        assertThat(byType).hasSize(2);
        assertThat(byType.get(0).get("cacheType").asString()).isEqualTo("docs");
        assertThat(byType.get(0).get("entries").asLong()).isEqualTo(1);
        assertThat(byType.get(0).get("tokens").asLong()).isEqualTo(3000);
        assertThat(byType.get(0).get("costUsd").decimalValue()).isEqualByComparingTo("0.033");
        assertThat(byType.get(0).get("hits").asLong()).isEqualTo(1);
        assertThat(byType.get(0).get("misses").asLong()).isEqualTo(1);
        assertThat(byType.get(1).get("cacheType").asString()).isEqualTo("refactor");
        assertThat(byType.get(1).get("entries").asLong()).isEqualTo(2);
        assertThat(byType.get(1).get("costUsd").decimalValue()).isEqualByComparingTo("0.095045");
        assertThat(byType.get(1).get("hits").asLong()).isEqualTo(2);
        assertThat(byType.get(1).get("misses").asLong()).isZero();

        JsonNode byModel = stats.get("byModel");
        assertThat(byModel).hasSize(3);
        assertThat(byModel.get(0).get("provider").asString()).isEqualTo("anthropic");
        assertThat(byModel.get(1).get("model").asString()).isEqualTo("gpt-4");
        assertThat(byModel.get(1).get("costUsd").decimalValue()).isEqualByComparingTo("0.045045");
        assertThat(byModel.get(2).get("tokens").asLong()).isEqualTo(5000);
    }

    @Test
    void statsAreExactTheMomentLookupsHaveAnswered() {
        writeHitAndMiss();
        assertStatsFigures();
    }

    @Test
    void statsStayExactThroughTheBatchedFlush() {
        writeHitAndMiss();
        tracker.flush();
        assertStatsFigures();
        tracker.flush();
        assertStatsFigures();
    }

    @Test
    void budgetReportsTheMonthsSpendAndSavingsToTheCent() {
        writeHitAndMiss();
        JsonNode budget = api.get("/api/v1/budget").json();
        assertThat(budget.get("namespace").asString()).isEqualTo(namespace);
        assertThat(budget.get("month").asString()).isEqualTo("2026-11");
        assertThat(budget.get("monthlyBudgetUsd").decimalValue()).isEqualByComparingTo("3.00");
        assertThat(budget.get("warningThreshold").asDouble()).isEqualTo(0.75);
        assertThat(budget.get("alertThreshold").asDouble()).isEqualTo(0.90);
        assertThat(budget.get("spentUsd").decimalValue()).isEqualByComparingTo("0.128045");
        assertThat(budget.get("savedUsd").decimalValue()).isEqualByComparingTo("0.133");
        assertThat(budget.get("status").asString()).isEqualTo("OK");
        assertThat(budget.get("emoji").asString()).isEqualTo("✅");
        assertThat(budget.get("message").asString()).isEqualTo("Budget OK: $0.13 / $3.00 (4.3%)");
        assertThat(budget.get("remainingUsd").decimalValue()).isEqualByComparingTo("2.871955");
        assertThat(budget.get("estimatedTokensRemaining").asLong()).isEqualTo(287_195);
        assertThat(budget.get("percentUsed").asDouble()).isCloseTo(100 * 0.128045 / 3, org.assertj.core.data.Offset.offset(1e-9));
        // 2026-11-21T08:15Z: 20 days 8.25 hours of 30 days gone
        double elapsedDays = 20 + 8.25 / 24;
        assertThat(budget.get("projectedMonthEndUsd").decimalValue().doubleValue())
                .isCloseTo(0.128045 * 30 / elapsedDays, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void budgetChangesArePersistedAndDriveTheStatus() {
        JsonNode changed = api.put("/api/v1/budget", Map.of("monthlyBudgetUsd", 0.10, "warningThreshold", 0.5,
                "alertThreshold", 0.8)).json();
        assertThat(changed.get("monthlyBudgetUsd").decimalValue()).isEqualByComparingTo("0.10");
        assertThat(changed.get("warningThreshold").asDouble()).isEqualTo(0.5);

        Map<String, Object> entry = entry("x");
        entry.put("tokensUsed", 5000);                                  // $0.05 of $0.10
        api.post("/api/v1/entries", entry);
        JsonNode status = api.get("/api/v1/budget").json();
        assertThat(status.get("status").asString()).isEqualTo("WARNING");
        assertThat(status.get("message").asString()).isEqualTo("Budget Warning: $0.05 / $0.10 (50.0%)");

        entry = entry("y");
        entry.put("tokensUsed", 3000);                                  // $0.08 of $0.10
        api.post("/api/v1/entries", entry);
        assertThat(api.get("/api/v1/budget").json().get("status").asString()).isEqualTo("ALERT");

        entry = entry("z");
        entry.put("tokensUsed", 2000);                                  // $0.10 of $0.10
        api.post("/api/v1/entries", entry);
        JsonNode exceeded = api.get("/api/v1/budget").json();
        assertThat(exceeded.get("status").asString()).isEqualTo("EXCEEDED");
        assertThat(exceeded.get("emoji").asString()).isEqualTo("🚨");
        assertThat(exceeded.get("remainingUsd").decimalValue()).isEqualByComparingTo("0");
    }

    @Test
    void invalidBudgetChangesAreBadRequests() {
        assertThat(api.put("/api/v1/budget", Map.of("monthlyBudgetUsd", 0)).status()).isEqualTo(400);
        assertThat(api.put("/api/v1/budget", Map.of("warningThreshold", 0.5)).json().get("errors").get(0).get("field")
                .asString()).isEqualTo("monthlyBudgetUsd");
        assertThat(api.put("/api/v1/budget", Map.of("monthlyBudgetUsd", 5, "warningThreshold", 0.9, "alertThreshold", 0.8))
                .status()).isEqualTo(400);
        assertThat(api.put("/api/v1/budget", Map.of("monthlyBudgetUsd", 5, "alertThreshold", 1.5)).status()).isEqualTo(400);
        assertThat(api.get("/api/v1/budget").json().get("monthlyBudgetUsd").decimalValue()).isEqualByComparingTo("3");
    }

    @Test
    void spendSurvivesClearAndDelete() {
        writeHitAndMiss();
        api.delete("/api/v1/entries?all=true");

        JsonNode stats = api.get("/api/v1/stats").json();
        assertThat(stats.get("totalEntries").asLong()).isZero();
        assertThat(stats.get("estimatedCostUsd").decimalValue()).isEqualByComparingTo("0");
        assertThat(stats.get("byModel")).isEmpty();
        assertThat(stats.get("savedCostUsd").decimalValue()).isEqualByComparingTo("0.133");
        assertThat(api.get("/api/v1/budget").json().get("spentUsd").decimalValue()).isEqualByComparingTo("0.128045");
        assertThat(api.get("/api/v1/budget/history").json().get(0).get("writes").asLong()).isEqualTo(3);
    }

    @Test
    void replacingAnEntryAddsItsSpendButCountsOneEntry() {
        api.post("/api/v1/entries", entry("x"));
        api.post("/api/v1/entries", entry("x"));
        assertThat(api.get("/api/v1/stats").json().get("totalEntries").asLong()).isEqualTo(1);
        assertThat(api.get("/api/v1/stats").json().get("estimatedCostUsd").decimalValue()).isEqualByComparingTo("0.05");
        assertThat(api.get("/api/v1/budget").json().get("spentUsd").decimalValue()).isEqualByComparingTo("0.10");
    }

    @Test
    void accessesOfAReplacedEntryDoNotCarryOverToTheNewResult() {
        String key = api.post("/api/v1/entries", entry("x")).json().get("cacheKey").asString();
        api.get("/api/v1/entries/" + key);
        clock.advance(java.time.Duration.ofSeconds(1));
        api.post("/api/v1/entries", entry("x"));                        // a new analysis: its count starts again
        tracker.flush();

        JsonNode listed = api.get("/api/v1/entries").json().get("items").get(0);
        assertThat(listed.get("accessCount").asLong()).isZero();
        assertThat(listed.get("lastAccessedAt").asString()).isEqualTo("2026-11-21T08:15:01Z");
        assertThat(api.get("/api/v1/stats").json().get("hits").asLong()).isEqualTo(1);
        api.get("/api/v1/entries/" + key);
        tracker.flush();
        assertThat(api.get("/api/v1/entries").json().get("items").get(0).get("accessCount").asLong()).isEqualTo(1);
    }

    @Test
    void monthRollsOverAtUtcMidnightOnTheFirst() {
        clock.set(Instant.parse("2026-10-31T23:59:59Z"));
        api.post("/api/v1/entries", entry("october"));
        String octoberKey = new KeyFactors("refactor", "grok-beta", Sha256.hex("october"), "", 1).cacheKey();
        api.get("/api/v1/entries/" + octoberKey);
        assertThat(api.get("/api/v1/budget").json().get("spentUsd").decimalValue()).isEqualByComparingTo("0.05");

        clock.set(Instant.parse("2026-11-01T00:00:00Z"));
        JsonNode november = api.get("/api/v1/budget").json();
        assertThat(november.get("month").asString()).isEqualTo("2026-11");
        assertThat(november.get("spentUsd").decimalValue()).isEqualByComparingTo("0");
        assertThat(november.get("savedUsd").decimalValue()).isEqualByComparingTo("0");

        Map<String, Object> entry = entry("november");
        entry.put("tokensUsed", 2000);
        api.post("/api/v1/entries", entry);
        api.get("/api/v1/entries/" + octoberKey);
        api.get("/api/v1/entries/" + octoberKey);
        tracker.flush();

        JsonNode history = api.get("/api/v1/budget/history?months=12").json();
        assertThat(history).hasSize(2);
        assertThat(history.get(0).get("month").asString()).isEqualTo("2026-11");
        assertThat(history.get(0).get("spentUsd").decimalValue()).isEqualByComparingTo("0.02");
        assertThat(history.get(0).get("tokens").asLong()).isEqualTo(2000);
        assertThat(history.get(0).get("writes").asLong()).isEqualTo(1);
        assertThat(history.get(0).get("hits").asLong()).isEqualTo(2);
        assertThat(history.get(0).get("savedUsd").decimalValue()).isEqualByComparingTo("0.10");
        assertThat(history.get(1).get("month").asString()).isEqualTo("2026-10");
        assertThat(history.get(1).get("spentUsd").decimalValue()).isEqualByComparingTo("0.05");
        assertThat(history.get(1).get("hits").asLong()).isEqualTo(1);
        assertThat(api.get("/api/v1/budget/history?months=1").json()).hasSize(1);
        assertThat(api.get("/api/v1/budget/history?months=0").status()).isEqualTo(400);
    }

    @Test
    void promptCacheShowsTheCachedTokensOfEveryWriteAndWhatTheirPriceSaved() {
        JsonNode empty = api.get("/api/v1/stats").json().get("promptCache");
        assertThat(empty.get("cachedInputTokens").asLong()).isZero();
        assertThat(empty.get("cacheWriteTokens").asLong()).isZero();
        assertThat(empty.get("savedUsd").decimalValue()).isEqualByComparingTo("0");
        Map<String, Object> gpt = priced("a", "refactor", "openai", "gpt-4o");
        gpt.put("usage", Map.of("prompt_tokens", 2006, "completion_tokens", 300,
                "prompt_tokens_details", Map.of("cached_tokens", 1920)));      // saves 1920 × ($2.50 − $1.25)/M = $0.0024
        Map<String, Object> claude = priced("b", "docs", "anthropic", "claude-sonnet-4-5");
        claude.put("inputTokens", 1000);
        claude.put("outputTokens", 500);
        claude.put("cachedInputTokens", 2000);                               // saves 2000 × ($3 − $0.30)/M = $0.0054
        claude.put("cacheWriteTokens", 3000);
        Map<String, Object> grok = priced("c", "refactor", "xai", "grok-beta");
        grok.put("tokensUsed", 5000);                                         // no cache figures
        String gptKey = api.post("/api/v1/entries", gpt).json().get("cacheKey").asString();
        assertThat(api.post("/api/v1/entries", claude).status()).isEqualTo(201);
        assertThat(api.post("/api/v1/entries", grok).status()).isEqualTo(201);
        // the ledger keeps what was paid: deleting an entry leaves its prompt caching in the figures
        assertThat(api.delete("/api/v1/entries/" + gptKey).status()).isEqualTo(204);

        JsonNode stats = api.get("/api/v1/stats").json();

        JsonNode cache = stats.get("promptCache");
        assertThat(cache.get("cachedInputTokens").asLong()).isEqualTo(3920);
        assertThat(cache.get("cacheWriteTokens").asLong()).isEqualTo(3000);
        assertThat(cache.get("savedUsd").decimalValue()).isEqualByComparingTo("0.0078");
        assertThat(stats.get("estimatedCostUsd").decimalValue()).isEqualByComparingTo("0.07235"); // $0.02235 + $0.05
        assertThat(api.get("/api/v1/stats", "Accept", "text/plain").body())
                .contains("Prompt cache:     3,920 tokens read, 3,000 written")
                .contains("Saved by prompt cache: $0.0078");
        JsonNode month = api.get("/api/v1/budget/history").json().get(0);
        assertThat(month.get("month").asString()).isEqualTo("2026-11");
        assertThat(month.get("cachedInputTokens").asLong()).isEqualTo(3920);
        assertThat(month.get("cacheWriteTokens").asLong()).isEqualTo(3000);
        assertThat(month.get("promptCacheSavedUsd").decimalValue()).isEqualByComparingTo("0.0078");
    }

    @Test
    void databaseSizeOnDiskIsReportedBesideTheResultsCompressedSize() {
        JsonNode healthBefore = databaseHealth();
        Map<String, Object> large = entry("large");
        StringBuilder noise = new StringBuilder();
        java.util.Random random = new java.util.Random(5);
        while (noise.length() < 40_000) {
            noise.append(Long.toString(random.nextLong(), 36));
        }
        large.put("result", Map.of("noise", noise.toString()));
        JsonNode stored = api.post("/api/v1/entries", large).json();

        JsonNode stats = api.get("/api/v1/stats").json();
        long onDisk = DiskUsage.bytes(database.vendor(), jdbc, dataDir);
        JsonNode health = databaseHealth();

        // a figure of the whole database, on disk: larger than the results it holds, and what the files measure
        long slack = 64 * 1024;  // writes of the server between the two measurements
        assertThat(stats.get("databaseBytesOnDisk").asLong()).isBetween(onDisk - slack, onDisk + slack)
                .isGreaterThan(stats.get("totalStoredBytes").asLong());
        assertThat(health.get("sizeOnDiskBytes").asLong()).isBetween(onDisk - slack, onDisk + slack);
        // beside it, the results alone (all namespaces): this store added exactly its own sizes
        assertThat(health.get("compressedResultsBytes").asLong() - healthBefore.get("compressedResultsBytes").asLong())
                .isEqualTo(stored.get("storedBytes").asLong());
        assertThat(health.get("resultsJsonBytes").asLong() - healthBefore.get("resultsJsonBytes").asLong())
                .isEqualTo(stored.get("resultBytes").asLong());
        String text = api.get("/api/v1/stats", "Accept", "text/plain").body();
        assertThat(text).containsPattern("Results compressed \\(zstd\\): +\\S+ \\S+ \\([0-9.]+% smaller than their JSON\\)")
                .containsPattern("Database on disk: +\\S+ \\S+ \\(all namespaces: rows, indices and results\\)");
    }

    @Test
    void resultsThatGrowInTheirFramesAreSaidToBeLargerNotNegativelySmaller() {
        Map<String, Object> tiny = entry("tiny");
        tiny.put("result", Map.of("a", 1));
        assertThat(api.post("/api/v1/entries", tiny).status()).isEqualTo(201);
        JsonNode stats = api.get("/api/v1/stats").json();
        assertThat(stats.get("totalStoredBytes").asLong()).isGreaterThan(stats.get("totalResultBytes").asLong());

        String text = api.get("/api/v1/stats", "Accept", "text/plain").body();

        assertThat(text).containsPattern("Results compressed \\(zstd\\): +\\S+ \\S+ \\([0-9.]+% larger than their JSON\\)")
                .doesNotContain("(-");
    }

    private JsonNode databaseHealth() {
        ApiClient.Response health = api.get("/actuator/health");
        assertThat(health.status()).as(health.body()).isEqualTo(200);
        JsonNode database = health.json().get("components").get("database");
        assertThat(database.get("status").asString()).isEqualTo("UP");
        return database.get("details");
    }

    @Test
    void textReportEndsWithTheBudgetBlock() {
        writeHitAndMiss();
        var text = api.get("/api/v1/stats", "Accept", "text/plain");
        assertThat(text.status()).isEqualTo(200);
        assertThat(text.header("Content-Type")).startsWith("text/plain");
        assertThat(text.body())
                .contains("Entries:          3")
                .contains("3 hits, 2 misses (hit rate 60.0%)")
                .contains("Saved by hits:    $0.1330")
                .contains("anthropic/claude-3-5-sonnet")
                .contains("✅ Budget OK: $0.13 / $3.00 (4.3%)")
                .contains("Remaining: $2.8720 (about 287,195 tokens)");
        assertThat(text.body().strip().lines().reduce((a, b) -> b).orElseThrow()).contains("projected month end");
        assertThat(api.get("/api/v1/stats", "Accept", "application/json").header("Content-Type")).startsWith("application/json");
        assertThat(api.get("/api/v1/stats").header("Content-Type")).startsWith("application/json");
    }

    @Test
    void pricingListsTheTableInForce() {
        JsonNode pricing = api.get("/api/v1/pricing").json();
        // the catalogue first (dated), then the seed's per-provider rows, the xai row first among them
        assertThat(pricing.get(0).get("asOf").isNull()).isFalse();
        JsonNode xai = java.util.stream.StreamSupport.stream(pricing.spliterator(), false)
                .filter(row -> row.get("provider").asString().equals("xai") && row.get("modelPattern").asString().equals("*"))
                .findFirst().orElseThrow();
        assertThat(xai.get("inputPerMillion").decimalValue()).isEqualByComparingTo("5");
        assertThat(xai.get("outputPerMillion").decimalValue()).isEqualByComparingTo("15");
        JsonNode last = pricing.get(pricing.size() - 1);
        assertThat(List.of(last.get("provider").asString(), last.get("modelPattern").asString())).containsExactly("*", "*");
    }
}
