package dev.llmcache.migration;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.llmcache.config.CacheProperties;
import dev.llmcache.entry.KeyFactors;
import dev.llmcache.support.ApiClient;
import dev.llmcache.support.SqliteTestDatabase;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import tools.jackson.databind.JsonNode;

/** What a migration imports, and how: every layout, keys, spend, re-runs, dry runs, backups, verification. */
@ExtendWith(OutputCaptureExtension.class)
abstract class MigrationImportScenarios extends MigrationTestSupport {

    /** Pages by which the test's own measurement may differ from the server's: the migration's row is written after it. */
    private static final long SLACK_BYTES = 4 * 8192;

    /**
     * How far the test's measurement of a migration's growth may be from the server's: {@link #SLACK_BYTES}, and on
     * PostgreSQL the free space maps (three pages a relation) that it creates lazily, when it first records free
     * space in a table or index, which a write after the server's measurement may do (a CI run saw 205 kB more).
     */
    long measurementSlack() {
        return SLACK_BYTES;
    }

    @Autowired
    @Qualifier(MigrationConfiguration.RUNNERS)
    ThreadPoolTaskExecutor runners;

    @Autowired
    CacheProperties cache;

    @Autowired
    MigrationService service;

    /** What the database takes on disk now once checkpointed, measured by the test on its own (files, or relation sizes). */
    abstract long databaseBytesOnDisk();

    /** Gives the space of earlier tests' deleted rows back, so that what a migration writes must grow the files. */
    abstract void releaseFreeSpace();

    @Test
    void centralizedCacheImportsEveryValidEntryAndNamesEveryBadFile() throws IOException {
        Path source = centralized();
        releaseFreeSpace();
        long before = databaseBytesOnDisk();

        JsonNode migration = migrate(request(source, "layout", "AUTO"));
        long grown = databaseBytesOnDisk() - before;

        assertThat(migration.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(migration.get("layout").asString()).isEqualTo("CENTRALIZED");
        assertThat(migration.get("source").asString()).isEqualTo(source.toString());
        assertThat(migration.get("namespace").asString()).isEqualTo(namespace);
        assertThat(migration.get("error").isNull()).isTrue();
        JsonNode result = migration.get("result");
        assertThat(result.get("totalEntries").asLong()).isEqualTo(14);
        assertThat(result.get("totalMigrated").asLong()).isEqualTo(5);
        assertThat(result.get("totalFailed").asLong()).isEqualTo(9);
        assertThat(result.get("totalSkipped").asLong()).isZero();
        assertThat(failures(source, migration)).isEqualTo(CENTRALIZED_FAILURES);
        assertThat(migration.get("progress").get("total").asLong()).isEqualTo(14);
        assertThat(migration.get("progress").get("currentFile").isNull()).isTrue();
        assertThat(result.get("backupPath").isNull()).isTrue();
        assertThat(result.get("verified").isNull()).isTrue();

        // the sizes: the valid files' bytes against what the database grew by on disk (five small rows may fit in
        // the pages an empty table already has: see destinationSizeIsWhatTheDatabaseGrewByOnDisk for a real growth)
        long sourceBytes = sizeOf(source, CENTRALIZED_VALID);
        long destination = result.get("destinationSize").asLong();
        assertThat(result.get("sourceSize").asLong()).isEqualTo(sourceBytes);
        assertThat(destination).isBetween(grown - measurementSlack(), grown + measurementSlack());
        assertThat(result.get("spaceSaved").asLong()).isEqualTo(Math.max(0, sourceBytes - destination));
        assertThat(result.get("spaceSavedPercent").asDouble()).isEqualTo(
                Math.round(Math.max(0, sourceBytes - destination) * 1000.0 / sourceBytes) / 10.0);
        assertThat(api.get("/api/v1/stats").json().get("totalEntries").asLong()).isEqualTo(5);
    }

    @Test
    void destinationSizeIsWhatTheDatabaseGrewByOnDiskIndicesIncluded() throws IOException {
        Path source = generated(600);
        releaseFreeSpace();
        long before = databaseBytesOnDisk();

        JsonNode result = migrate(request(source)).get("result");
        long grown = databaseBytesOnDisk() - before;

        assertThat(result.get("totalMigrated").asLong()).isEqualTo(600);
        long stored = 0;
        for (JsonNode entry : api.get("/api/v1/entries?limit=1000").json().get("items")) {
            stored += entry.get("storedBytes").asLong();
        }
        long destination = result.get("destinationSize").asLong();
        // rows, names and indices take room beside the compressed results: the old figure (stored) was too small
        assertThat(destination).isGreaterThan(stored).isBetween(grown - measurementSlack(), grown + measurementSlack());
        long sourceBytes = result.get("sourceSize").asLong();
        assertThat(result.get("spaceSaved").asLong()).isEqualTo(Math.max(0, sourceBytes - destination));
        assertThat(result.get("spaceSavedPercent").asDouble())
                .isEqualTo(Math.round(Math.max(0, sourceBytes - destination) * 1000.0 / sourceBytes) / 10.0);
    }

    @Test
    void aCompactedImportIsMeasuredAfterItsCompactionAndServesEveryEntry(CapturedOutput output) throws IOException {
        Path source = generated(600);
        releaseFreeSpace();
        long before = databaseBytesOnDisk();

        Logger logger = (Logger) LoggerFactory.getLogger(MigrationExecution.class);
        Level level = logger.getLevel();
        logger.setLevel(Level.INFO); // tests log warnings only; the compaction's sizes are on an INFO line
        Migration migration;
        try {
            migration = service.runHere(namespace, LegacySource.resolve(source, LegacyLayout.AUTO), false, false,
                    false, Compaction.ALWAYS, progress -> { });
        } finally {
            logger.setLevel(level);
        }
        long grown = databaseBytesOnDisk() - before;

        assertThat(migration.status()).isEqualTo(MigrationStatus.SUCCEEDED);
        assertThat(migration.result().totalMigrated()).isEqualTo(600);
        assertThat(migration.result().destinationSize()).isBetween(grown - measurementSlack(), grown + measurementSlack());
        Matcher compacted = Pattern.compile("Migration " + migration.id()
                + ": compacted the database in \\S+: (\\d+) -> (\\d+) bytes on disk").matcher(output.getOut());
        assertThat(compacted.find()).as("the compaction's log line").isTrue();
        // random keys leave the indices' pages partly empty, and re-compression leaves old row versions (PostgreSQL)
        assertThat(Long.parseLong(compacted.group(2))).isLessThan(Long.parseLong(compacted.group(1)));
        assertThat(api.get("/api/v1/stats").json().get("totalEntries").asLong()).isEqualTo(600);
        for (JsonNode item : api.get("/api/v1/entries?limit=1000").json().get("items")) {
            assertThat(api.get("/api/v1/entries/" + item.get("cacheKey").asString()).status()).isEqualTo(200);
        }
    }

    /** A centralized cache of {@code count} distinct entries with results of about a kilobyte each. */
    private Path generated(int count) throws IOException {
        Path cache = Files.createDirectories(dir.resolve("generated/0badcafe/cache/analysis"));
        java.util.Random random = new java.util.Random(11);
        for (int i = 0; i < count; i++) {
            StringBuilder findings = new StringBuilder();
            for (int f = 0; f < 8; f++) {
                findings.append(f == 0 ? "" : ",").append("{\"line\": ").append(random.nextInt(2000))
                        .append(", \"message\": \"value ").append(Long.toHexString(random.nextLong()))
                        .append(" is never read after assignment in branch ").append(random.nextInt(90)).append("\"}");
            }
            Files.writeString(cache.resolve("file_" + i + ".json"), """
                    {"file_path": "src/module_%d.rs", "file_hash": "%064x", "analyzed_at": "2026-03-01T10:00:00Z",
                     "provider": "xai", "model": "grok-beta", "result": {"findings": [%s]}, "tokens_used": 900,
                     "file_size": 4000}
                    """.formatted(i, i + 1, findings));
        }
        return dir.resolve("generated");
    }

    @Test
    void importedEntryIsFoundByItsFactorsAndByItsLegacyKeyWithTheFilesResult() throws IOException {
        Path source = centralized();
        JsonNode file = JSON.readTree(Files.readString(source.resolve("0a1b2c3d/cache/refactor/src_main_rs.json")));

        migrate(request(source));

        ApiClient.Response byFactors = api.post("/api/v1/lookup", Map.of("cacheType", "refactor", "model", "grok-beta",
                "fileHash", "5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef", "promptHash", "9f2c1e",
                "schemaVersion", 2));
        assertThat(byFactors.status()).isEqualTo(200);
        JsonNode entry = byFactors.json();
        assertThat(entry.get("cacheKey").asString()).isEqualTo(MAIN_KEY);
        assertThat(entry.get("legacyKey").asString()).isEqualTo(MAIN_LEGACY_KEY);
        assertThat(entry.get("result")).isEqualTo(file.get("result"));
        assertThat(entry.get("createdAt").asString()).isEqualTo("2026-03-01T10:00:00Z");
        assertThat(entry.get("repoPath").asString()).isEqualTo("/home/ana/proj-alpha");
        assertThat(entry.get("filePath").asString()).isEqualTo("src/main.rs");
        assertThat(entry.get("provider").asString()).isEqualTo("xai");
        assertThat(entry.get("tokensUsed").asLong()).isEqualTo(5420);
        assertThat(entry.get("fileSize").asLong()).isEqualTo(12);
        assertThat(entry.get("costUsd").decimalValue()).isEqualByComparingTo("0.0542"); // 5420 x $10/M (half/half)

        ApiClient.Response byLegacyKey = api.get("/api/v1/entries/" + MAIN_LEGACY_KEY);
        assertThat(byLegacyKey.status()).isEqualTo(200);
        assertThat(byLegacyKey.json().get("cacheKey").asString()).isEqualTo(MAIN_KEY);
        assertThat(byLegacyKey.json().get("result")).isEqualTo(file.get("result"));
        assertThat(api.get("/api/v1/entries/" + MAIN_KEY).json().get("result")).isEqualTo(file.get("result"));

        // a 64-hex legacy key is found too, after the cache keys
        ApiClient.Response todo = api.get("/api/v1/entries/" + "c".repeat(63) + "1");
        assertThat(todo.status()).isEqualTo(200);
        assertThat(todo.json().get("result").asString()).isEqualTo("TODO: none");
    }

    @Test
    void olderEntryWithoutKeyPromptOrSchemaIsImportedWithTheContractsDefaults() throws IOException {
        Path source = centralized();
        JsonNode file = JSON.readTree(Files.readString(
                source.resolve("0a1b2c3d/cache/refactor/nested/deeper/src_repo_cache_rs.json")));

        migrate(request(source));

        ApiClient.Response hit = api.post("/api/v1/lookup", Map.of("cacheType", "refactor", "model", "grok-beta",
                "fileHash", "393d5460ff5da13f3adbda4ebc3bfcfba063ca82bc1d8bba5ac22615f0f5bfef"));
        assertThat(hit.status()).isEqualTo(200);
        assertThat(hit.json().get("cacheKey").asString()).isEqualTo(new KeyFactors("refactor", "grok-beta",
                "393d5460ff5da13f3adbda4ebc3bfcfba063ca82bc1d8bba5ac22615f0f5bfef", "", 1).cacheKey());
        assertThat(hit.json().get("legacyKey").isNull()).isTrue();
        assertThat(hit.json().get("promptHash").asString()).isEmpty();
        assertThat(hit.json().get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(hit.json().get("tokensUsed").asLong()).isZero();
        assertThat(hit.json().get("costUsd").decimalValue()).isEqualByComparingTo("0");
        assertThat(hit.json().get("createdAt").asString()).isEqualTo("2026-02-04T03:12:42.813Z");
        assertThat(hit.json().get("result")).isEqualTo(file.get("result"));
        // the directory names the cache type, whatever the file says
        assertThat(api.post("/api/v1/lookup", Map.of("cacheType", "security", "model", "claude-3-5-sonnet",
                "fileHash", "a".repeat(64))).status()).isEqualTo(200);
    }

    @Test
    void spendIsPricedAndRecordedInTheMonthEachEntryWasAnalysed() throws IOException {
        migrate(request(centralized()));

        Map<String, String> months = new TreeMap<>();
        for (JsonNode month : api.get("/api/v1/budget/history?months=12").json()) {
            months.put(month.get("month").asString(), month.get("spentUsd").decimalValue().stripTrailingZeros()
                    .toPlainString() + " " + month.get("tokens").asLong() + " " + month.get("writes").asLong());
        }
        assertThat(months).isEqualTo(Map.of(
                "2026-01", "0 0 2",            // todo_rs (0 tokens), readme_md (no tokens, dated by its file)
                "2026-02", "0.0072 800 2",     // src_auth: 800 x $9/M on claude; src_repo_cache: tokens null
                "2026-03", "0.0542 5420 1"));  // src_main: 5420 x $10/M on grok
        // nothing of it is this month's spend
        assertThat(api.get("/api/v1/budget").json().get("spentUsd").decimalValue()).isEqualByComparingTo("0");
        assertThat(api.get("/api/v1/stats").json().get("estimatedCostUsd").decimalValue()).isEqualByComparingTo("0.0614");
    }

    @Test
    void localLayoutIsFoundFromTheRepositoryItsDotDirectoryOrItsCache() throws IOException {
        Path repo = Fixtures.copy("local", dir).resolve("proj");

        for (Path source : List.of(repo, repo.resolve(".rustassistant"), repo.resolve(".rustassistant/cache"))) {
            JsonNode migration = migrate(request(source));
            assertThat(migration.get("layout").asString()).isEqualTo("LOCAL");
            assertThat(failures(repo, migration)).containsExactly(Map.entry(
                    ".rustassistant/cache/analysis/bad_key.json",
                    "analysis | field cache_key must be 32 or 64 hexadecimal characters, was \"not-a-key\""));
            assertThat(migration.get("result").get("totalEntries").asLong()).isEqualTo(3);
        }

        ApiClient.Response nested = api.get("/api/v1/entries/" + "6".repeat(32));
        assertThat(nested.status()).isEqualTo(200);
        assertThat(nested.json().get("repoPath").asString()).isEqualTo(repo.toString());
        assertThat(nested.json().get("cacheType").asString()).isEqualTo("analysis");
        assertThat(nested.json().get("schemaVersion").asInt()).isEqualTo(3);
        assertThat(api.get("/api/v1/stats").json().get("totalEntries").asLong()).isEqualTo(2);
    }

    @Test
    void runningItAgainAddsNothingAndReportsTheEntriesAsSkipped() throws IOException {
        Path source = centralized();
        JsonNode first = migrate(request(source));
        String historyBefore = api.get("/api/v1/budget/history").body();

        JsonNode second = migrate(request(source));

        assertThat(second.get("id").asString()).isNotEqualTo(first.get("id").asString());
        JsonNode result = second.get("result");
        assertThat(result.get("totalMigrated").asLong()).isZero();
        assertThat(result.get("totalSkipped").asLong()).isEqualTo(5);
        assertThat(result.get("totalFailed").asLong()).isEqualTo(9);
        assertThat(failures(source, second)).isEqualTo(CENTRALIZED_FAILURES);
        // nothing was stored: no source bytes migrated, hardly any growth (the migration's own row), nothing saved
        assertThat(result.get("sourceSize").asLong()).isZero();
        // destinationSize is the whole database's growth while the migration ran: its own rows, the dictionary pass
        // that ends every migration, and whatever else the server wrote meanwhile. Re-runs measured 65,536 bytes on
        // PostgreSQL and 131,072 on SQLite (once in CI), so the bound is loose; the counts above show nothing was added.
        assertThat(result.get("destinationSize").asLong()).isLessThanOrEqualTo(8 * SLACK_BYTES);
        assertThat(result.get("spaceSaved").asLong()).isZero();
        assertThat(result.get("spaceSavedPercent").asDouble()).isZero();
        assertThat(api.get("/api/v1/stats").json().get("totalEntries").asLong()).isEqualTo(5);
        assertThat(api.get("/api/v1/budget/history").body()).isEqualTo(historyBefore);
    }

    @Test
    void importStoppedPartWayIsCompletedByRunningItAgain() throws IOException {
        Path source = centralized();
        // a first run that got only as far as one repository
        Path partial = Files.createDirectories(dir.resolve("partial"));
        Fixtures.copy("centralized", partial);
        Path firstRepoOnly = partial.resolve("centralized");
        SqliteTestDatabase.delete(firstRepoOnly.resolve("12345678"));
        SqliteTestDatabase.delete(firstRepoOnly.resolve("9f8e7d6c"));
        assertThat(migrate(request(firstRepoOnly)).get("result").get("totalMigrated").asLong()).isEqualTo(3);

        JsonNode rest = migrate(request(source));

        assertThat(rest.get("result").get("totalMigrated").asLong()).isEqualTo(2);
        assertThat(rest.get("result").get("totalSkipped").asLong()).isEqualTo(3);
        assertThat(api.get("/api/v1/stats").json().get("totalEntries").asLong()).isEqualTo(5);
    }

    @Test
    void dryRunStoresNothingAndReportsWhatARunWouldDo() throws IOException {
        Path source = centralized();

        JsonNode dry = migrate(request(source, "dryRun", true));

        assertThat(dry.get("dryRun").asBoolean()).isTrue();
        assertThat(dry.get("status").asString()).isEqualTo("SUCCEEDED");
        JsonNode result = dry.get("result");
        assertThat(result.get("totalMigrated").asLong()).isEqualTo(5);
        assertThat(result.get("totalFailed").asLong()).isEqualTo(9);
        assertThat(failures(source, dry)).isEqualTo(CENTRALIZED_FAILURES);
        assertThat(result.get("sourceSize").asLong()).isEqualTo(sizeOf(source, CENTRALIZED_VALID));
        // nothing written, nothing measured: no saving is claimed
        assertThat(result.get("destinationSize").asLong()).isZero();
        assertThat(result.get("spaceSaved").asLong()).isZero();
        assertThat(result.get("spaceSavedPercent").asDouble()).isZero();
        assertThat(result.get("verified").isNull()).isTrue();
        assertThat(api.get("/api/v1/stats").json().get("totalEntries").asLong()).isZero();
        assertThat(api.get("/api/v1/budget/history").json()).isEmpty();
        assertThat(api.get("/api/v1/entries/" + MAIN_LEGACY_KEY).status()).isEqualTo(404);

        // the source announced is the one a real run then migrates
        JsonNode real = migrate(request(source));
        assertThat(real.get("result").get("sourceSize")).isEqualTo(result.get("sourceSize"));

        JsonNode again = migrate(request(source, "dryRun", true));
        assertThat(again.get("result").get("totalMigrated").asLong()).isZero();
        assertThat(again.get("result").get("totalSkipped").asLong()).isEqualTo(5);
    }

    @Test
    void backupIsAFaithfulCopyMadeFirstAndTheSourceIsNeverWritten() throws IOException {
        Path source = centralized();
        List<String> before = snapshot(source);

        JsonNode migration = migrate(request(source, "backup", true, "verify", true));

        assertThat(migration.get("backup").asBoolean()).isTrue();
        Path backup = Path.of(migration.get("result").get("backupPath").asString());
        assertThat(backup.getFileName().toString()).startsWith("legacy-cache-20261121T081500Z");
        // the JDK copies file times to the microsecond
        assertThat(snapshot(backup, ChronoUnit.MICROS)).isEqualTo(snapshot(source, ChronoUnit.MICROS));
        assertThat(snapshot(source)).isEqualTo(before);
        assertThat(migration.get("result").get("verified").asBoolean()).isTrue();
    }

    @Test
    void verificationReadsEveryEntryBackAndListsMismatchesAsFailures() throws IOException {
        Path source = centralized();
        // the same analysis (same key) stored through the API with another result, before the import
        Map<String, Object> other = new LinkedHashMap<>();
        other.put("cacheType", "refactor");
        other.put("filePath", "src/main.rs");
        other.put("fileHash", "5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef");
        other.put("provider", "xai");
        other.put("model", "grok-beta");
        other.put("promptHash", "9f2c1e");
        other.put("schemaVersion", 2);
        other.put("result", Map.of("complexity_score", 99));
        assertThat(api.post("/api/v1/entries", other).status()).isEqualTo(201);

        JsonNode migration = migrate(request(source, "verify", true));

        JsonNode result = migration.get("result");
        assertThat(result.get("verified").asBoolean()).isFalse();
        assertThat(result.get("totalMigrated").asLong()).isEqualTo(4);
        assertThat(result.get("totalSkipped").asLong()).isZero();
        assertThat(result.get("totalFailed").asLong()).isEqualTo(10);
        Map<String, String> expected = new TreeMap<>(CENTRALIZED_FAILURES);
        expected.put("0a1b2c3d/cache/refactor/src_main_rs.json", "refactor | verification failed: the result stored "
                + "under " + MAIN_KEY + " differs from the file's (that entry was stored before this migration)");
        assertThat(failures(source, migration)).isEqualTo(expected);
        // the entry already there keeps its result, and adopts the legacy key the file had
        ApiClient.Response byLegacyKey = api.get("/api/v1/entries/" + MAIN_LEGACY_KEY);
        assertThat(byLegacyKey.json().get("result").get("complexity_score").asInt()).isEqualTo(99);

        // every entry matching: verified
        api.delete("/api/v1/entries/" + MAIN_KEY);
        JsonNode again = migrate(request(source, "verify", true));
        assertThat(again.get("result").get("verified").asBoolean()).isTrue();
        assertThat(again.get("result").get("totalMigrated").asLong()).isEqualTo(1);
        assertThat(again.get("result").get("totalSkipped").asLong()).isEqualTo(4);
        assertThat(failures(source, again)).isEqualTo(CENTRALIZED_FAILURES);
    }

    @Test
    void tokenCountsOverTheBoundAreFailuresWithTheirReasonAndTheImportGoesOn() throws IOException {
        Path repo = Fixtures.copy("local", dir).resolve("proj");
        Path huge = repo.resolve(".rustassistant/cache/refactor/src_lib_rs.json");
        Files.writeString(huge, Files.readString(huge).replace("\"tokens_used\": null", "\"tokens_used\": 9223372036854775807"));
        Path largest = repo.resolve(".rustassistant/cache/refactor/src_max_rs.json");
        Files.writeString(largest, Files.readString(huge).replace("9223372036854775807", "1000000000000")
                .replace("4444444444444444444444444444444444444444444444444444444444444444", "7".repeat(64)));

        JsonNode migration = migrate(request(repo));

        assertThat(migration.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(failures(repo, migration)).containsEntry(".rustassistant/cache/refactor/src_lib_rs.json",
                "refactor | field tokens_used is 9223372036854775807, more than the 1000000000000 tokens one entry may carry");
        assertThat(migration.get("result").get("totalMigrated").asLong()).isEqualTo(2);
        // the largest count allowed is priced as an estimate, 10^12 × ($5 + $15) / 2 per million on grok-beta,
        // beside the fixture's other entry (10 tokens on grok-2: $0.0001)
        JsonNode stats = api.get("/api/v1/stats").json();
        assertThat(stats.get("totalTokens").asLong()).isEqualTo(1_000_000_000_010L);
        assertThat(stats.get("estimatedCostUsd").decimalValue()).isEqualByComparingTo("10000000.0001");
    }

    /**
     * An imported entry whose cost would carry the namespace's sums past what a long of nano-dollars holds
     * ($9,223,372,036.854775807) is not imported: a failure naming the reason, as for other invalid
     * entries, while the rest of the import goes on (before, SQLite's sums turned into floats and
     * PostgreSQL's failed the import).
     */
    @Test
    void anEntryTooDearForTheSumsIsAFailureWithItsReasonAndTheImportGoesOn() throws IOException {
        long maxTokens = 1_000_000_000_000L;
        String dear = "provider=openai&model=gpt-5.5-pro&inputTokens=" + maxTokens + "&outputTokens=" + maxTokens;
        BigDecimal each = api.get("/api/v1/pricing/quote?" + dear).json().get("costUsd").decimalValue();
        // a legacy entry's 10^12 tokens are priced half input, half output
        BigDecimal legacy = api.get("/api/v1/pricing/quote?provider=openai&model=gpt-5.5-pro&inputTokens=" + maxTokens / 2
                + "&outputTokens=" + maxTokens / 2).json().get("costUsd").decimalValue();
        BigDecimal ceiling = new BigDecimal(Long.MAX_VALUE).movePointLeft(9);
        int fit = ceiling.divideToIntegralValue(each).intValueExact();
        for (int i = 0; i < fit; i++) {
            assertThat(api.post("/api/v1/entries", dearEntry("dear " + i, maxTokens)).status()).isEqualTo(201);
        }
        assertThat(api.post("/api/v1/entries", dearEntry("half", maxTokens / 2)).status()).isEqualTo(201);
        BigDecimal held = each.multiply(BigDecimal.valueOf(fit)).add(legacy);
        assertThat(held.add(legacy)).isGreaterThan(ceiling);
        Path repo = Fixtures.copy("local", dir).resolve("proj");
        Path small = repo.resolve(".rustassistant/cache/refactor/src_lib_rs.json");
        Path tooDear = repo.resolve(".rustassistant/cache/refactor/src_dear_rs.json");
        Files.writeString(tooDear, Files.readString(small).replace("\"tokens_used\": null", "\"tokens_used\": " + maxTokens)
                .replace("\"provider\": \"xai\"", "\"provider\": \"openai\"").replace("grok-beta", "gpt-5.5-pro")
                .replace("4444444444444444444444444444444444444444444444444444444444444444", "8".repeat(64)));

        JsonNode migration = migrate(request(repo));

        assertThat(migration.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(failures(repo, migration)).containsEntry(".rustassistant/cache/refactor/src_dear_rs.json",
                "refactor | a cost of $" + legacy.toPlainString() + " would carry the namespace's spend in 2026-02 (or the "
                        + "cost of the entries it holds) past $9223372036.854775807, the most its sums count exactly");
        assertThat(migration.get("result").get("totalMigrated").asLong()).isEqualTo(2);
        JsonNode stats = api.get("/api/v1/stats").json();
        assertThat(stats.get("totalEntries").asLong()).isEqualTo(fit + 1 + 2);
        // the fixture's two entries: none and 10 tokens on grok-2 ($0.0001)
        assertThat(stats.get("estimatedCostUsd").decimalValue()).isEqualByComparingTo(held.add(new BigDecimal("0.0001")));
        assertThat(api.get("/api/v1/budget/history?months=12").status()).isEqualTo(200);
    }

    private static Map<String, Object> dearEntry(String content, long tokensEach) {
        Map<String, Object> entry = new LinkedHashMap<>(entry(content));
        entry.remove("tokensUsed");
        entry.put("provider", "openai");
        entry.put("model", "gpt-5.5-pro");
        entry.put("inputTokens", tokensEach);
        entry.put("outputTokens", tokensEach);
        return entry;
    }

    @Test
    void symbolicLinksInsideTheSourceAreNotFollowed() throws IOException {
        Path outsideDir = Files.createTempDirectory("llmcache-outside-");
        Path outside = Fixtures.copy("local", outsideDir).resolve("proj");
        Path repo = Fixtures.copy("local", dir).resolve("proj");
        Path cache = repo.resolve(".rustassistant/cache");
        Files.createSymbolicLink(cache.resolve("refactor/linked.json"),
                outside.resolve(".rustassistant/cache/analysis/deep/er/src_x_rs.json"));
        Files.createSymbolicLink(cache.resolve("escape"), outside.resolve(".rustassistant/cache/analysis"));
        Files.delete(cache.resolve("analysis/deep/er/src_x_rs.json"));

        JsonNode migration = migrate(request(repo));

        // two files of its own, and each link as a failure that says what it is, never what it leads to
        assertThat(migration.get("result").get("totalEntries").asLong()).isEqualTo(4);
        assertThat(migration.get("result").get("totalMigrated").asLong()).isEqualTo(1);
        String link = "it is a symbolic link, which a migration does not follow";
        assertThat(failures(repo, migration)).containsEntry(".rustassistant/cache/refactor/linked.json",
                "refactor | cannot read linked.json: " + link).containsEntry(".rustassistant/cache/escape",
                "null | cannot read escape: " + link).hasSize(3);
        assertThat(api.get("/api/v1/entries/" + "6".repeat(32)).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/stats").json().get("totalEntries").asLong()).isEqualTo(1);
        SqliteTestDatabase.delete(outsideDir);
    }

    /**
     * The penetration test's finding 1: a repository directory not yet reached is swapped for a link to a cache
     * outside the allowed roots while the import is held after its first batch (the walk is lazy and holds at
     * most a few batches ahead, so {@code bbbbbbbb} has not been opened yet). Nothing outside is imported and
     * no failure quotes an outside file.
     */
    @Test
    void directorySwappedForALinkDuringTheImportIsNotFollowed() throws IOException {
        Path source = Files.createDirectories(dir.resolve("race"));
        SyntheticCache.writeEntries(source.resolve("aaaaaaaa/cache/refactor"), 0, 200);
        SyntheticCache.writeEntries(source.resolve("bbbbbbbb/cache/refactor"), 200, 201);
        Path outsideDir = Files.createTempDirectory("llmcache-outside-");
        SyntheticCache.writeEntries(outsideDir.resolve("cache/refactor"), 9_000, 9_001);
        Fixtures.write(outsideDir.resolve("cache/refactor/secret.json"), "SECRET_TOKEN=hunter2\n");
        JsonNode migration;
        try (Gate gate = holdBatches(1)) {
            String id = start(request(source));
            gate.awaitHeld(1);
            Files.move(source.resolve("bbbbbbbb"), source.resolve("moved-away"));
            Files.createSymbolicLink(source.resolve("bbbbbbbb"), outsideDir);
            gate.close();
            migration = awaitEnd(id);
        }

        assertThat(api.get("/api/v1/entries/" + SyntheticCache.cacheKey(9_000)).status()).as("outside entry").isEqualTo(404);
        assertThat(migration.get("result").get("totalMigrated").asLong()).isEqualTo(200);
        assertThat(migration.get("result").get("failures").toString()).doesNotContain("hunter2")
                .doesNotContain(outsideDir.toString());
        assertThat(failures(source, migration)).isEqualTo(Map.of("bbbbbbbb",
                "null | cannot read bbbbbbbb: it is a symbolic link, which a migration does not follow"));
        SqliteTestDatabase.delete(outsideDir);
    }

    /**
     * The penetration test's finding 1, at the backup: the source is swapped for a link to a tree outside the
     * allowed roots after the request's check, before the job runs (held back by busy runner threads). The old
     * backup resolved the source's path again and copied the outside tree; now the walk from the allowed root
     * meets the link, the backup fails and nothing outside is copied or imported.
     */
    @Test
    void sourceSwappedForALinkBeforeTheJobRunsIsNeitherBackedUpNorImported(CapturedOutput output) throws Exception {
        Path source = Files.createDirectories(dir.resolve("swapped"));
        SyntheticCache.writeEntries(source.resolve("aaaaaaaa/cache/refactor"), 0, 3);
        Path outsideDir = Files.createTempDirectory("llmcache-outside-");
        SyntheticCache.writeEntries(outsideDir.resolve("aaaaaaaa/cache/refactor"), 9_000, 9_001);
        Fixtures.write(outsideDir.resolve("id_ed25519"), "PRIVATE KEY hunter2");
        Path backups = cache.effectiveBackupDir().toAbsolutePath();
        int threads = runners.getMaxPoolSize();
        CountDownLatch busy = new CountDownLatch(threads);
        CountDownLatch release = new CountDownLatch(1);
        for (int i = 0; i < threads; i++) {
            runners.execute(() -> {
                busy.countDown();
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        String id;
        try {
            assertThat(busy.await(30, TimeUnit.SECONDS)).as("runner threads held").isTrue();
            id = start(request(source, "backup", true));
            Files.move(source, dir.resolve("moved-away"));
            Files.createSymbolicLink(source, outsideDir);
        } finally {
            release.countDown();
        }
        JsonNode migration = awaitEnd(id);

        assertThat(migration.get("status").asString()).isEqualTo("FAILED");
        assertThat(migration.get("error").asString()).startsWith("backup of " + source + " failed, partial copy left in "
                + backups).endsWith(": it is a symbolic link, which a migration does not follow");
        try (Stream<Path> copied = Files.walk(backups)) {
            assertThat(copied.map(path -> path.getFileName().toString())).doesNotContain("id_ed25519", "f9000.json");
        }
        assertThat(api.get("/api/v1/entries/" + SyntheticCache.cacheKey(9_000)).status()).as("outside entry").isEqualTo(404);
        // how it ended is on the audit log, with the reason
        assertThat(output.toString().lines().filter(line -> line.contains("action=migration-end") && line.contains(id)))
                .singleElement().satisfies(line -> assertThat(line).contains("token=migration-admin namespace=" + namespace)
                        .contains(" (CENTRALIZED, backup)\" outcome=\"FAILED: 0 files, 0 migrated, 0 skipped, 0 failed; "
                                + "backup of " + source + " failed"));
        SqliteTestDatabase.delete(outsideDir);
    }

    @Test
    void importsAreCountedByOutcomeAndNotAsNewSpend() throws IOException {
        Path source = centralized();
        Map<String, Double> before = migrationCounters();

        migrate(request(source));
        migrate(request(source, "dryRun", true));
        migrate(request(source));

        Map<String, Double> after = migrationCounters();
        assertThat(after.get("migrated") - before.get("migrated")).isEqualTo(5.0);
        assertThat(after.get("skipped") - before.get("skipped")).isEqualTo(5.0);
        assertThat(after.get("failed") - before.get("failed")).isEqualTo(18.0);
        assertThat(new ApiClient(port).get("/actuator/prometheus").body())
                .doesNotContain("llmcache_spend_usd_total{model=\"grok-beta\",namespace=\"" + namespace + "\"");
    }

    private Map<String, Double> migrationCounters() {
        String exposition = new ApiClient(port).get("/actuator/prometheus").body();
        Map<String, Double> counters = new TreeMap<>();
        Matcher matcher = Pattern.compile("(?m)^llmcache_migration_entries_total\\{outcome=\"(\\w+)\"} (\\S+)$")
                .matcher(exposition);
        while (matcher.find()) {
            counters.put(matcher.group(1), Double.parseDouble(matcher.group(2)));
        }
        assertThat(counters).containsOnlyKeys("migrated", "failed", "skipped");
        return counters;
    }
}
