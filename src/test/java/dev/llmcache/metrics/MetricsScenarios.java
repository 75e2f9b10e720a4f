package dev.llmcache.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.llmcache.entry.EntryService;
import dev.llmcache.entry.KeyFactors;
import dev.llmcache.entry.NewEntry;
import dev.llmcache.entry.ResultCodec;
import dev.llmcache.support.Sha256;
import dev.llmcache.support.ApiClient;
import dev.llmcache.support.IntegrationTestSupport;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The contract's metrics as Prometheus reads them from {@code /actuator/prometheus} of a real
 * server: exact exposition lines after real requests; run on SQLite and on PostgreSQL. Each test
 * works in its own namespace. The gauges refresh only when a test asks (the scheduled refresh
 * waits an hour), and at most 3 models keep their name.
 */
@TestPropertySource(properties = {"cache.metrics.max-models=3", "cache.metrics.max-providers=3",
        "cache.metrics.refresh-interval=PT1H"})
abstract class MetricsScenarios extends IntegrationTestSupport {

    /** The key of entry("fn main() {}"): refactor, grok-beta, no prompt hash, schema 1. */
    static final String MAIN_RS_KEY = "418d86e733a8407ab60d27c56874b2ea50d8d0ae60b16c1382c0fe145fa837d7";
    static final String ABSENT_KEY = "0".repeat(64);

    @Autowired
    StoredStateGauges gauges;

    @Autowired
    EntryService entries;

    @Autowired
    ResultCodec codec;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    @Test
    void hitsAndMissesAreCountedByNamespaceCacheTypeAndResult() {
        api.post("/api/v1/entries", entry("fn main() {}"));
        assertThat(api.get("/api/v1/entries/" + MAIN_RS_KEY).status()).isEqualTo(200);
        assertThat(api.post("/api/v1/lookup", Map.of("cacheType", "refactor", "model", "grok-beta", "content", "fn main() {}"))
                .status()).isEqualTo(200);
        assertThat(api.post("/api/v1/lookup", Map.of("cacheType", "refactor", "model", "grok-beta", "content", "absent"))
                .status()).isEqualTo(404);
        assertThat(api.get("/api/v1/entries/" + ABSENT_KEY).status()).isEqualTo(404);
        assertThat(api.post("/api/v1/lookup/batch", Map.of("lookups", List.of(
                Map.of("cacheType", "refactor", "model", "grok-beta", "content", "fn main() {}"),
                Map.of("cacheType", "security", "model", "grok-beta", "content", "fn main() {}")))).status()).isEqualTo(200);
        assertThat(api.head("/api/v1/entries/" + MAIN_RS_KEY).status()).isEqualTo(200);

        assertThat(exposition()).contains(
                "llmcache_lookups_total{cache_type=\"refactor\",namespace=\"" + namespace + "\",result=\"hit\"} 3.0",
                "llmcache_lookups_total{cache_type=\"refactor\",namespace=\"" + namespace + "\",result=\"miss\"} 1.0",
                "llmcache_lookups_total{cache_type=\"security\",namespace=\"" + namespace + "\",result=\"hit\"} 0.0",
                "llmcache_lookups_total{cache_type=\"security\",namespace=\"" + namespace + "\",result=\"miss\"} 1.0",
                "llmcache_lookups_total{cache_type=\"unknown\",namespace=\"" + namespace + "\",result=\"miss\"} 1.0");
        // Three hits of a $0.05 entry: dollars are added as nano-dollars, so the sum is exact, not 0.15000000000000002.
        assertThat(sample("llmcache_saved_usd_total{namespace=\"" + namespace + "\"}")).isEqualTo(0.15);
    }

    @Test
    void committedWritesCountTheirSpendAndTokens() {
        api.post("/api/v1/entries", entry("fn main() {}"));
        Map<String, Object> replacement = entry("fn main() {}");
        replacement.put("tokensUsed", 1000);
        assertThat(api.post("/api/v1/entries", replacement).status()).isEqualTo(200);
        Map<String, Object> anthropic = entry("other");
        anthropic.put("provider", "anthropic");
        anthropic.remove("tokensUsed");
        anthropic.put("inputTokens", 1_000_000);
        anthropic.put("outputTokens", 0);
        double anthropicCost = api.post("/api/v1/entries", anthropic).json().get("costUsd").asDouble();
        Map<String, Object> invalid = entry("refused");
        invalid.put("tokensUsed", -1);
        assertThat(api.post("/api/v1/entries", invalid).status()).isEqualTo(400);

        assertThat(exposition()).contains(
                "llmcache_tokens_total{model=\"grok-beta\",namespace=\"" + namespace + "\",provider=\"xai\"} 6000.0",
                "llmcache_tokens_total{model=\"grok-beta\",namespace=\"" + namespace + "\",provider=\"anthropic\"} 1000000.0");
        // exactly what /budget says, not 0.05 + 0.01 = 0.060000000000000005
        assertThat(sample("llmcache_spend_usd_total{model=\"grok-beta\",namespace=\"" + namespace + "\",provider=\"xai\"}"))
                .isEqualTo(0.06);
        assertThat(anthropicCost).isPositive();
        assertThat(sample("llmcache_spend_usd_total{model=\"grok-beta\",namespace=\"" + namespace + "\",provider=\"anthropic\"}"))
                .isEqualTo(anthropicCost);
    }

    @Test
    void committedWritesCountTheirPromptCacheTokensAndSaving() {
        Map<String, Object> gpt = entry("cached");
        gpt.put("provider", "openai");
        gpt.put("model", "gpt-4o");
        gpt.remove("tokensUsed");
        gpt.put("usage", Map.of("prompt_tokens", 2006, "completion_tokens", 300,
                "prompt_tokens_details", Map.of("cached_tokens", 1920)));
        assertThat(api.post("/api/v1/entries", gpt).status()).isEqualTo(201);
        Map<String, Object> written = entry("written");
        written.put("provider", "openai");
        written.put("model", "gpt-4o");
        written.put("cacheWriteTokens", 500);
        assertThat(api.post("/api/v1/entries", written).status()).isEqualTo(201);
        api.post("/api/v1/entries", entry("no cache figures"));

        // the model label may be "other" here (max-models=3 is shared by every test of this server)
        String model = exposition().stream().filter(line -> line.startsWith("llmcache_prompt_cache_tokens_total{")
                && line.contains("namespace=\"" + namespace + "\",provider=\"openai\"")).map(line -> label(line, "model"))
                .findFirst().orElseThrow();
        String labels = "model=\"" + model + "\",namespace=\"" + namespace + "\",provider=\"openai\"";
        assertThat(exposition()).contains(
                "llmcache_prompt_cache_tokens_total{kind=\"read\"," + labels + "} 1920.0",
                "llmcache_prompt_cache_tokens_total{kind=\"write\"," + labels + "} 500.0");
        assertThat(exposition()).filteredOn(line -> line.startsWith("llmcache_prompt_cache_tokens_total{")
                && line.contains("namespace=\"" + namespace + "\",provider=\"xai\"")).isNotEmpty()
                .allSatisfy(line -> assertThat(line).endsWith(" 0.0"));
        // 1920 × ($2.50 − $1.25) per million
        assertThat(sample("llmcache_prompt_cache_saved_usd_total{" + labels + "}")).isCloseTo(0.0024, within(1e-12));
    }

    @Test
    void aWriteThatRolledBackOrWasImportedIsNotCounted() {
        api.post("/api/v1/entries", entry("fn main() {}"));

        transactions.executeWithoutResult(status -> {
            entries.store(newEntry("rolled back"));
            status.setRollbackOnly();
        });
        assertThat(entries.storeIfAbsent(newEntry("imported"))).isTrue();

        assertThat(exposition()).contains(
                "llmcache_spend_usd_total{model=\"grok-beta\",namespace=\"" + namespace + "\",provider=\"xai\"} 0.05",
                "llmcache_tokens_total{model=\"grok-beta\",namespace=\"" + namespace + "\",provider=\"xai\"} 5000.0");
        assertThat(api.get("/api/v1/stats").json().get("totalEntries").asLong()).isEqualTo(2);
    }

    @Test
    void gaugesReportTheDatabaseFiguresOfNamespacesThatAppearedAfterStartUp() {
        api.post("/api/v1/entries", entry("fn main() {}"));
        api.post("/api/v1/entries", entry("fn other() {}"));
        Map<String, Object> security = entry("fn main() {}");
        security.put("cacheType", "security");
        api.post("/api/v1/entries", security);
        api.get("/api/v1/entries/" + MAIN_RS_KEY);
        api.get("/api/v1/entries/" + ABSENT_KEY);
        api.get("/api/v1/entries/" + ABSENT_KEY);
        JsonNode stats = api.get("/api/v1/stats").json();

        gauges.refresh();

        assertThat(exposition()).contains(
                "llmcache_entries{cache_type=\"refactor\",namespace=\"" + namespace + "\"} 2.0",
                "llmcache_entries{cache_type=\"security\",namespace=\"" + namespace + "\"} 1.0",
                "llmcache_stored_bytes{namespace=\"" + namespace + "\"} " + (double) stats.get("totalStoredBytes").asLong(),
                "llmcache_result_bytes{namespace=\"" + namespace + "\"} " + (double) stats.get("totalResultBytes").asLong(),
                "llmcache_budget_usd{namespace=\"" + namespace + "\"} 3.0",
                "llmcache_budget_spent_usd{namespace=\"" + namespace + "\"} 0.15",
                "llmcache_budget_used_ratio{namespace=\"" + namespace + "\"} 0.05");
        assertThat(sample("llmcache_hit_ratio{namespace=\"" + namespace + "\"}")).isEqualTo(1.0 / 3).isEqualTo(stats.get("hitRate").asDouble());
    }

    @Test
    void gaugesShowWhatAnotherReplicaWroteToTheDatabase() {
        String elsewhere = namespace + "-elsewhere";
        jdbc.sql("""
                INSERT INTO budgets (namespace, monthly_nanos, warning_threshold, alert_threshold, updated_at)
                VALUES (:namespace, 20000000000, 0.5, 0.8, 0)
                """).param("namespace", elsewhere).update();

        gauges.refresh();

        assertThat(exposition()).contains(
                "llmcache_budget_usd{namespace=\"" + elsewhere + "\"} 20.0",
                "llmcache_budget_spent_usd{namespace=\"" + elsewhere + "\"} 0.0",
                "llmcache_budget_used_ratio{namespace=\"" + elsewhere + "\"} 0.0");
    }

    @Test
    void budgetGaugesRollOverAtTheMonthBoundaryWithoutARestart() {
        assertThat(api.put("/api/v1/budget", Map.of("monthlyBudgetUsd", 1)).status()).isEqualTo(200);
        api.post("/api/v1/entries", entry("fn main() {}"));
        gauges.refresh();
        assertThat(exposition()).contains(
                "llmcache_budget_spent_usd{namespace=\"" + namespace + "\"} 0.05",
                "llmcache_budget_used_ratio{namespace=\"" + namespace + "\"} 0.05");

        clock.set(Instant.parse("2026-12-01T00:00:00Z"));
        gauges.refresh();

        assertThat(exposition()).contains(
                "llmcache_budget_usd{namespace=\"" + namespace + "\"} 1.0",
                "llmcache_budget_spent_usd{namespace=\"" + namespace + "\"} 0.0",
                "llmcache_budget_used_ratio{namespace=\"" + namespace + "\"} 0.0",
                "llmcache_entries{cache_type=\"refactor\",namespace=\"" + namespace + "\"} 1.0");
    }

    @Test
    void modelsBeyondMaxModelsAreReportedAsOther() {
        // max-models is 3 in this context; grok-beta, which the other tests write too, is one of them.
        for (String model : List.of("grok-beta", "cap-model-1", "cap-model-2", "cap-model-3", "cap-model-4")) {
            Map<String, Object> entry = entry("content for " + model);
            entry.put("model", model);
            assertThat(api.post("/api/v1/entries", entry).status()).isEqualTo(201);
        }

        List<String> spend = exposition().stream()
                .filter(line -> line.startsWith("llmcache_spend_usd_total{") && line.contains("namespace=\"" + namespace + "\""))
                .toList();
        assertThat(spend).extracting(line -> label(line, "model"))
                .containsExactlyInAnyOrder("grok-beta", "cap-model-1", "cap-model-2", "other");
        assertThat(exposition()).contains(
                "llmcache_tokens_total{model=\"grok-beta\",namespace=\"" + namespace + "\",provider=\"xai\"} 5000.0",
                "llmcache_tokens_total{model=\"cap-model-2\",namespace=\"" + namespace + "\",provider=\"xai\"} 5000.0",
                "llmcache_tokens_total{model=\"other\",namespace=\"" + namespace + "\",provider=\"xai\"} 10000.0");
    }

    @Test
    void providersBeyondMaxProvidersAreReportedAsOther() {
        // max-providers is 3 in this context: the other tests write xai, anthropic and openai only.
        for (String provider : List.of("xai", "anthropic", "openai", "cap-provider-1", "cap-provider-2")) {
            Map<String, Object> entry = entry("content for " + provider);
            entry.put("provider", provider);
            assertThat(api.post("/api/v1/entries", entry).status()).isEqualTo(201);
        }

        List<String> tokens = exposition().stream()
                .filter(line -> line.startsWith("llmcache_tokens_total{") && line.contains("namespace=\"" + namespace + "\""))
                .toList();
        assertThat(tokens).extracting(line -> label(line, "provider"))
                .containsExactlyInAnyOrder("xai", "anthropic", "openai", "other");
        assertThat(exposition()).contains(
                "llmcache_tokens_total{model=\"grok-beta\",namespace=\"" + namespace + "\",provider=\"other\"} 10000.0");
    }

    @Test
    void keysInThePathShareTheRouteTemplateAsUri() {
        api.post("/api/v1/entries", entry("fn main() {}"));
        String legacyKey = "a".repeat(32);
        api.get("/api/v1/entries/" + MAIN_RS_KEY);
        api.get("/api/v1/entries/" + ABSENT_KEY);
        api.get("/api/v1/entries/" + legacyKey);
        assertThat(api.get("/api/v1/entries/not-a-key").status()).isEqualTo(400);
        api.delete("/api/v1/entries/" + ABSENT_KEY);

        List<String> requests = exposition().stream().filter(line -> line.startsWith("http_server_requests")).toList();

        assertThat(requests).noneMatch(line -> line.contains(MAIN_RS_KEY) || line.contains(ABSENT_KEY)
                || line.contains(legacyKey) || line.contains("not-a-key"));
        assertThat(requests.stream().filter(line -> line.startsWith("http_server_requests_seconds_count{")
                        && line.contains("method=\"GET\"") && line.contains("uri=\"/api/v1/entries/{cacheKey}\""))
                .map(line -> label(line, "status")).collect(Collectors.toSet()))
                .contains("200", "400", "404");
        assertThat(requests).anyMatch(line -> line.contains("method=\"DELETE\"") && line.contains("uri=\"/api/v1/entries/{cacheKey}\""));
    }

    @Test
    void apiRoutesHaveLatencyBucketsForAP99() {
        api.post("/api/v1/entries", entry("fn main() {}"));

        List<String> buckets = exposition().stream()
                .filter(line -> line.startsWith("http_server_requests_seconds_bucket{") && line.contains("method=\"POST\"")
                        && line.contains("status=\"201\"") && line.contains("uri=\"/api/v1/entries\""))
                .map(line -> label(line, "le"))
                .toList();

        assertThat(buckets).containsExactly("0.001", "0.002", "0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5",
                "1.0", "2.5", "5.0", "10.0", "+Inf");
    }

    @Test
    void evictionAndMigrationCountersExistAtZeroFromStartUp() {
        List<String> lines = exposition();

        for (String policy : List.of("LRU", "OLDEST", "LARGEST", "COST_AWARE")) {
            assertThat(lines).contains("llmcache_evictions_total{policy=\"" + policy + "\"} 0.0",
                    "llmcache_evicted_bytes_total{policy=\"" + policy + "\"} 0.0");
        }
        for (String outcome : List.of("migrated", "failed", "skipped")) {
            assertThat(lines).contains("llmcache_migration_entries_total{outcome=\"" + outcome + "\"} 0.0");
        }
    }

    @Test
    void leaseAndDuplicateSpendCountersExistAtZeroFromStartUp() {
        List<String> lines = exposition();

        for (String outcome : List.of("granted", "stored", "released", "expired")) {
            assertThat(lines).contains("llmcache_leases_total{namespace=\"default\",outcome=\"" + outcome + "\"} 0.0");
        }
        for (String outcome : List.of("hit", "took_over", "timed_out")) {
            assertThat(lines).contains("llmcache_lease_waits_total{namespace=\"default\",outcome=\"" + outcome + "\"} 0.0");
        }
        assertThat(lines).contains("llmcache_duplicate_spend_usd_total{namespace=\"default\"} 0.0");
    }

    @Test
    void everyMetricFamilyHasHelpTextAndNoneThatPromtoolLints() {
        api.post("/api/v1/entries", entry("fn main() {}"));
        List<String> lines = exposition();

        List<String> families = lines.stream().filter(line -> line.startsWith("# TYPE ")).map(line -> line.split(" ")[2]).toList();
        assertThat(families).hasSizeGreaterThan(30);
        for (String family : families) {
            assertThat(lines).as("HELP of " + family).anyMatch(line -> line.matches("# HELP " + Pattern.quote(family) + " \\S.*"));
        }
        assertThat(families).doesNotContain("process_cpu_time_ns_total", "jvm_compilation_time_ms_total", "system_cpu_count")
                .noneMatch(name -> name.startsWith("spring_security_") || !name.equals(name.toLowerCase()));
    }

    private List<String> exposition() {
        ApiClient.Response response = new ApiClient(port).get("/actuator/prometheus", "Accept", "text/plain;version=0.0.4");
        assertThat(response.status()).isEqualTo(200);
        return response.body().lines().toList();
    }

    /** The value of one series, given as its name and labels exactly as exposed. */
    private double sample(String series) {
        String prefix = series + " ";
        return exposition().stream().filter(line -> line.startsWith(prefix))
                .mapToDouble(line -> Double.parseDouble(line.substring(prefix.length()))).findFirst()
                .orElseThrow(() -> new AssertionError("no series " + series));
    }

    private static String label(String line, String name) {
        Matcher m = Pattern.compile("[{,]" + name + "=\"([^\"]*)\"").matcher(line);
        return m.find() ? m.group(1) : null;
    }

    private NewEntry newEntry(String content) {
        JsonNode result = JsonMapper.builder().build().readTree("{\"score\": 1}");
        return new NewEntry(namespace, new KeyFactors("refactor", "grok-beta", Sha256.hex(content), "", 1), null, "",
                "src/x.rs", (long) content.length(), "xai", 5000, null, null, null, null, codec.encode(result), clock.instant(),
                null);
    }
}
