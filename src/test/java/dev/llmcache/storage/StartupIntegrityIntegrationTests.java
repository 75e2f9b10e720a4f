package dev.llmcache.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmcache.LlmCacheServerApplication;
import dev.llmcache.support.ApiClient;
import dev.llmcache.support.SqliteTestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * At start-up the SQLite file is checked with {@code PRAGMA quick_check}: health shows the result,
 * and a damaged file stops the start with a message that names the file and the way back.
 */
class StartupIntegrityIntegrationTests {

    private final Path dir = tempDir();
    private final Path data = dir.resolve("data");

    @AfterEach
    void cleanUp() {
        SqliteTestDatabase.delete(dir);
    }

    @Test
    void healthShowsTheStartUpCheckOfAnIntactFile() {
        try (ConfigurableApplicationContext server = start()) {
            assertThat(client(server).post("/api/v1/entries", entry()).status()).isEqualTo(201);
        }
        try (ConfigurableApplicationContext server = start()) {
            JsonNode database = client(server).get("/actuator/health").json().get("components").get("database");
            assertThat(database.get("status").asString()).isEqualTo("UP");
            assertThat(database.get("details").get("integrity").asString()).isEqualTo("ok");
            assertThat(database.get("details").get("integrityCheck").asString()).contains("quick_check");
        }
    }

    @Test
    void damagedFileStopsTheStartNamingTheFileAndTheWayBack() throws Exception {
        try (ConfigurableApplicationContext server = start()) {
            ApiClient api = client(server);
            for (int i = 0; i < 200; i++) {
                assertThat(api.post("/api/v1/entries", entry(i)).status()).isEqualTo(201);
            }
        }
        Path file = data.resolve("cache.db");
        damagePages(file);

        assertThatThrownBy(this::start)
                .satisfies(failure -> {
                    DamagedDatabaseException damaged = cause(failure);
                    assertThat(damaged.getMessage()).contains(file.toString()).contains("quick_check")
                            .contains("cache.backup-dir").contains(".recover");
                    FailureAnalysis analysis = new DamagedDatabaseFailureAnalyzer().analyze(failure);
                    assertThat(analysis.getDescription()).contains(file.toString()).contains("damaged");
                    assertThat(analysis.getAction()).contains("sqlite3 " + file + " .recover");
                });
    }

    @Test
    void fileThatIsNotADatabaseStopsTheStartAsDamaged() throws IOException {
        Files.createDirectories(data);
        Files.write(data.resolve("cache.db"), "this is not a database, but it is long enough to look like one".repeat(100).getBytes());

        assertThatThrownBy(this::start).satisfies(failure -> assertThat(cause(failure).file()).isEqualTo(data.resolve("cache.db")));
    }

    /** Overwrites the middle of the file (b-tree pages of the entries and their indices) with garbage. */
    private static void damagePages(Path file) throws IOException {
        long size = Files.size(file);
        assertThat(size).isGreaterThan(16 * 4096);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            byte[] junk = new byte[4096];
            java.util.Arrays.fill(junk, (byte) 0x37);
            for (long page = 2; page * 4096 < size - 4096; page += 3) {
                raf.seek(page * 4096);
                raf.write(junk);
            }
        }
    }

    private static DamagedDatabaseException cause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof DamagedDatabaseException damaged) {
                return damaged;
            }
        }
        throw new AssertionError("no DamagedDatabaseException in " + failure);
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(LlmCacheServerApplication.class)
                .run("--server.port=0", "--cache.data-dir=" + data, "--management.endpoint.health.show-details=always");
    }

    private static ApiClient client(ConfigurableApplicationContext context) {
        return new ApiClient(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
    }

    private static Map<String, Object> entry() {
        return entry(0);
    }

    private static Map<String, Object> entry(int i) {
        return Map.of("cacheType", "refactor", "filePath", "src/" + i + ".rs", "content", "content " + i,
                "provider", "xai", "model", "grok-beta", "result", Map.of("index", i, "pad", "x".repeat(300)), "tokensUsed", 100);
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("llmcache-integrity-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
