package dev.llmcache.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.doAnswer;

import dev.llmcache.entry.KeyFactors;
import dev.llmcache.support.Sha256;
import dev.llmcache.support.ApiClient;
import dev.llmcache.support.IntegrationTestSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Shared set-up of the migration integration tests: an allowed root of their own (each test works in a
 * directory named after its namespace), small batches so that fixtures span several transactions, a
 * small file limit, and tokens, so that security (including on the event stream's async dispatch) is
 * part of every test. {@link #meters} is a spy, so that a test can hold an import right after a batch
 * is stored (outside any transaction) with {@link #holdBatches}.
 */
abstract class MigrationTestSupport extends IntegrationTestSupport {

    static final Path ROOT = createRoot();
    static final String ADMIN_TOKEN = "migration-admin-token";
    static final String READER_TOKEN = "migration-reader-token";
    static final int BATCH_SIZE = 4;
    static final long MAX_FILE_BYTES = 256 * 1024;
    static final JsonMapper JSON = JsonMapper.builder().build();

    /** The valid entries of the centralized fixture, relative to it. */
    static final List<String> CENTRALIZED_VALID = List.of(
            "0a1b2c3d/cache/refactor/src_main_rs.json",
            "0a1b2c3d/cache/refactor/nested/deeper/src_repo_cache_rs.json",
            "0a1b2c3d/cache/security/src_auth_rs.json",
            "12345678/cache/todos/todo_rs.json",
            "9f8e7d6c/cache/docs/readme_md.json");

    /** The failures of the centralized fixture: relative path, then "cacheType | reason". */
    static final Map<String, String> CENTRALIZED_FAILURES = new TreeMap<>(Map.of(
            "0a1b2c3d/cache/security/broken_invalid.json", "security | invalid JSON at line 3, column 11: "
                    + "Unexpected character ('2' (code 50)): was expecting a colon to separate property name and value",
            "0a1b2c3d/cache/security/empty.json", "security | the file is empty",
            "9f8e7d6c/cache/docs/missing_hash.json", "docs | missing field file_hash",
            "9f8e7d6c/cache/docs/sub/missing_model.json", "docs | missing field model",
            "9f8e7d6c/cache/docs/missing_result.json", "docs | missing field result",
            "9f8e7d6c/cache/docs/wrong_type.json", "docs | field tokens_used must be a number or null, was a string",
            "9f8e7d6c/cache/Bad_Type/entry.json", "Bad_Type | cache type directory \"Bad_Type\" is not a valid cache "
                    + "type (lower-case letter, then up to 31 of a-z 0-9 _ -): rename the directory to migrate its files",
            "9f8e7d6c/cache/stray.json", "null | the file lies directly in the cache directory; only files inside a "
                    + "cache type directory (such as cache/refactor/) are migrated",
            "9f8e7d6c/cache/docs/huge.json", "docs | the file is larger than " + MAX_FILE_BYTES
                    + " bytes, the most a migration reads"));

    /** src_main_rs.json: every field present, a 32-hex cache_key, schema 2. */
    static final String MAIN_LEGACY_KEY = "0123456789abcdef0123456789abcdef";
    static final String MAIN_KEY = new KeyFactors("refactor", "grok-beta",
            "5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef", "9f2c1e", 2).cacheKey();

    @MockitoSpyBean
    MigrationMeters meters;

    @Autowired
    MigrationJobs jobs;

    protected ApiClient reader;
    protected Path dir;

    @DynamicPropertySource
    static void migrationProperties(DynamicPropertyRegistry registry) {
        registry.add("cache.migration.allowed-roots", ROOT::toString);
        registry.add("cache.migration.batch-size", () -> BATCH_SIZE);
        registry.add("cache.limits.max-request-bytes", () -> MAX_FILE_BYTES);
        registry.add("cache.security.tokens[0].name", () -> "migration-admin");
        registry.add("cache.security.tokens[0].sha256", () -> Sha256.hex(ADMIN_TOKEN));
        registry.add("cache.security.tokens[0].role", () -> "ADMIN");
        registry.add("cache.security.tokens[0].namespaces", () -> "*");
        registry.add("cache.security.tokens[1].name", () -> "migration-reader");
        registry.add("cache.security.tokens[1].sha256", () -> Sha256.hex(READER_TOKEN));
        registry.add("cache.security.tokens[1].role", () -> "READ");
        registry.add("cache.security.tokens[1].namespaces", () -> "*");
    }

    @BeforeEach
    void workspaceAndTokens() throws IOException {
        dir = Files.createDirectories(ROOT.resolve(namespace));
        reader = api.withHeaders("Authorization", "Bearer " + READER_TOKEN);
        api = api.withHeaders("Authorization", "Bearer " + ADMIN_TOKEN);
    }

    /** No migration outlives its test: the spy is reset after each, and must not be in use meanwhile. */
    @AfterEach
    void noMigrationLeftRunning() {
        Instant deadline = Instant.now().plusSeconds(60);
        while (!jobs.running().isEmpty()) {
            assertThat(Instant.now()).as("migrations ended").isBefore(deadline);
            sleep(10);
        }
    }

    /** The centralized fixture in this test's directory, with a file too large to read and fixed times. */
    Path centralized() throws IOException {
        Path source = Fixtures.copy("centralized", dir);
        String huge = "{\"file_hash\": \"" + "e".repeat(64) + "\", \"model\": \"m\", \"result\": \""
                + "x".repeat((int) MAX_FILE_BYTES) + "\"}";
        Files.writeString(source.resolve("9f8e7d6c/cache/docs/huge.json"), huge);
        // readme_md.json has no analyzed_at: its time is the file's, which the checkout leaves to chance
        Files.setLastModifiedTime(source.resolve("9f8e7d6c/cache/docs/readme_md.json"),
                FileTime.from(Instant.parse("2026-01-02T03:04:05Z")));
        return source;
    }

    static Map<String, Object> request(Path source, Object... options) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("source", source.toString());
        for (int i = 0; i < options.length; i += 2) {
            request.put((String) options[i], options[i + 1]);
        }
        return request;
    }

    /**
     * Makes each real (not dry) run wait after its stored batches, from the {@code firstHeld}-th batch on,
     * until the gate opens; the spy is reset after each test.
     */
    Gate holdBatches(int firstHeld) {
        Gate gate = new Gate();
        AtomicInteger calls = new AtomicInteger();
        doAnswer(invocation -> {
            if (calls.incrementAndGet() >= firstHeld) {
                gate.waiting.incrementAndGet();
                assertThat(gate.open.await(60, TimeUnit.SECONDS)).as("gate opened in time").isTrue();
            }
            return invocation.callRealMethod();
        }).when(meters).record(anyLong(), anyLong(), anyLong());
        return gate;
    }

    /** Holds batch stores until opened. */
    static final class Gate implements AutoCloseable {
        final CountDownLatch open = new CountDownLatch(1);
        final AtomicInteger waiting = new AtomicInteger();

        /** Waits until {@code stores} stores are held at the gate. */
        void awaitHeld(int stores) {
            Instant deadline = Instant.now().plusSeconds(30);
            while (waiting.get() < stores) {
                assertThat(Instant.now()).as("stores held at the gate").isBefore(deadline);
                sleep(10);
            }
        }

        @Override
        public void close() {
            open.countDown();
        }
    }

    /** Starts a migration, expecting 202, and answers its id. */
    String start(Map<String, Object> request) {
        ApiClient.Response started = api.post("/api/v1/migrations", request);
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        String id = started.json().get("id").asString();
        assertThat(started.header("Location")).isEqualTo("/api/v1/migrations/" + id);
        return id;
    }

    /** Polls the migration until it has ended (as a READ token), and answers it as an ADMIN sees it. */
    JsonNode awaitEnd(String id) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            ApiClient.Response response = reader.get("/api/v1/migrations/" + id);
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            JsonNode migration = response.json();
            if (!migration.get("status").asString().equals("RUNNING")) {
                // a READ token follows it, but sees failure reasons only up to their first colon: the
                // whole answer as an ADMIN reads it
                ApiClient.Response whole = api.get("/api/v1/migrations/" + id);
                assertThat(whole.status()).as(whole.body()).isEqualTo(200);
                return whole.json();
            }
            sleep(20);
        }
        throw new AssertionError("migration " + id + " did not end within 60 s");
    }

    JsonNode migrate(Map<String, Object> request) {
        return awaitEnd(start(request));
    }

    /** The failures as "relative path" -> "cacheType | error", sorted. */
    static Map<String, String> failures(Path base, JsonNode migration) {
        Map<String, String> failures = new TreeMap<>();
        for (JsonNode failure : migration.get("result").get("failures")) {
            JsonNode cacheType = failure.get("cacheType");
            failures.put(base.relativize(Path.of(failure.get("filePath").asString())).toString(),
                    (cacheType.isNull() ? "null" : cacheType.asString()) + " | " + failure.get("error").asString());
        }
        return failures;
    }

    static long sizeOf(Path base, List<String> files) {
        return files.stream().mapToLong(file -> {
            try {
                return Files.size(base.resolve(file));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).sum();
    }

    /** Every path under {@code root} with its size, time and content hash: a change to any shows. */
    static List<String> snapshot(Path root) throws IOException {
        return snapshot(root, ChronoUnit.NANOS);
    }

    /** As {@link #snapshot(Path)}, with the times truncated to {@code precision}. */
    static List<String> snapshot(Path root, ChronoUnit precision) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.sorted().map(path -> {
                try {
                    String relative = root.relativize(path).toString();
                    if (Files.isDirectory(path)) {
                        return relative + "/";
                    }
                    return relative + " " + Files.size(path) + " "
                            + Files.getLastModifiedTime(path).toInstant().truncatedTo(precision) + " "
                            + Sha256.hex(Files.readAllBytes(path));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path createRoot() {
        try {
            Path root = Files.createTempDirectory("llmcache-migration-root-").toRealPath();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> dev.llmcache.support.SqliteTestDatabase.delete(root)));
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
