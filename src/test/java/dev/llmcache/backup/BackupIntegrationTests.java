package dev.llmcache.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcache.LlmCacheServerApplication;
import dev.llmcache.support.ApiClient;
import dev.llmcache.support.SqliteTestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * An online backup taken while four clients keep storing holds every entry acknowledged before it
 * was asked for, with the spend and the budget: a second server started on the copy finds them.
 */
class BackupIntegrationTests {

    private static final int WRITERS = 4;
    /** 100 tokens on xai/grok-beta: half input at $5, half output at $15 per million. */
    private static final BigDecimal COST_PER_ENTRY = new BigDecimal("0.001");

    private final Path dir = tempDir();

    @AfterEach
    void cleanUp() {
        SqliteTestDatabase.delete(dir);
    }

    @Test
    void backupTakenUnderWriteLoadRestoresEveryAcknowledgedEntryWithItsSpendAndBudget() throws Exception {
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        Set<String> acknowledgedBeforeBackup;
        JsonNode backup;
        AtomicInteger refused = new AtomicInteger();
        try (ConfigurableApplicationContext server = start(dir.resolve("data"))) {
            ApiClient api = client(server);
            assertThat(api.put("/api/v1/budget", Map.of("monthlyBudgetUsd", 42.5, "warningThreshold", 0.5,
                    "alertThreshold", 0.8)).status()).isEqualTo(200);
            AtomicBoolean stop = new AtomicBoolean();
            CountDownLatch warmedUp = new CountDownLatch(WRITERS * 20);
            ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                running.add(writers.submit(() -> {
                    ApiClient own = client(server);
                    for (int i = 0; !stop.get(); i++) {
                        ApiClient.Response stored = own.post("/api/v1/entries", entry("w" + writer + "-" + i));
                        if (stored.status() != 201) {
                            refused.incrementAndGet();
                            continue;
                        }
                        acknowledged.add(stored.json().get("cacheKey").asString());
                        warmedUp.countDown();
                    }
                }));
            }
            assertThat(warmedUp.await(60, TimeUnit.SECONDS)).isTrue();

            acknowledgedBeforeBackup = Set.copyOf(acknowledged);
            ApiClient.Response answer = api.post("/api/v1/admin/backup", null);
            stop.set(true);
            for (Future<?> writer : running) {
                writer.get(60, TimeUnit.SECONDS);
            }
            writers.shutdown();

            assertThat(answer.status()).isEqualTo(201);
            backup = answer.json();
            assertThat(acknowledged).hasSizeGreaterThan(acknowledgedBeforeBackup.size());
        }
        assertThat(refused.get()).isZero();

        Path copy = Path.of(backup.get("path").asString());
        assertThat(copy.getParent()).isEqualTo(dir.resolve("backups").toAbsolutePath().normalize());
        assertThat(copy.getFileName().toString()).matches("llm-cache-\\d{8}T\\d{6}Z(-\\d+)?\\.db");
        assertThat(backup.get("bytes").asLong()).isEqualTo(Files.size(copy));
        long entriesInCopy = backup.get("entries").asLong();
        assertThat(entriesInCopy).isGreaterThanOrEqualTo(acknowledgedBeforeBackup.size());
        assertThat(backup.get("createdAt").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");

        Path restored = dir.resolve("restored");
        Files.createDirectories(restored);
        Files.copy(copy, restored.resolve("cache.db"));
        try (ConfigurableApplicationContext second = start(restored)) {
            ApiClient api = client(second);
            for (String key : acknowledgedBeforeBackup) {
                assertThat(api.head("/api/v1/entries/" + key).status()).as(key).isEqualTo(200);
            }
            assertThat(api.get("/api/v1/entries/" + acknowledgedBeforeBackup.iterator().next()).json().get("result")
                    .get("writer")).isNotNull();
            JsonNode stats = api.get("/api/v1/stats").json();
            assertThat(stats.get("totalEntries").asLong()).isEqualTo(entriesInCopy);
            JsonNode budget = api.get("/api/v1/budget").json();
            assertThat(budget.get("monthlyBudgetUsd").decimalValue()).isEqualByComparingTo("42.5");
            assertThat(budget.get("warningThreshold").decimalValue()).isEqualByComparingTo("0.5");
            assertThat(budget.get("spentUsd").decimalValue())
                    .isEqualByComparingTo(COST_PER_ENTRY.multiply(BigDecimal.valueOf(entriesInCopy)));
        }
    }

    @Test
    void everyBackupGoesToANewFileEvenWithinOneSecond() {
        try (ConfigurableApplicationContext server = start(dir.resolve("data"))) {
            ApiClient api = client(server);
            assertThat(api.post("/api/v1/entries", entry("one")).status()).isEqualTo(201);
            JsonNode first = api.post("/api/v1/admin/backup", null).json();
            JsonNode second = api.post("/api/v1/admin/backup", null).json();

            assertThat(first.get("path").asString()).isNotEqualTo(second.get("path").asString());
            assertThat(first.get("entries").asLong()).isEqualTo(1);
            assertThat(Path.of(second.get("path").asString())).exists();
        }
    }

    private ConfigurableApplicationContext start(Path dataDir) {
        return new SpringApplicationBuilder(LlmCacheServerApplication.class)
                .run("--server.port=0", "--cache.data-dir=" + dataDir, "--cache.backup-dir=" + dir.resolve("backups"),
                        "--logging.level.dev.llmcache.backup=info");
    }

    private static ApiClient client(ConfigurableApplicationContext context) {
        return new ApiClient(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
    }

    private static Map<String, Object> entry(String content) {
        return Map.of("cacheType", "refactor", "filePath", "src/" + content + ".rs", "content", content,
                "provider", "xai", "model", "grok-beta", "result", Map.of("writer", content), "tokensUsed", 100);
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("llmcache-backup-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
