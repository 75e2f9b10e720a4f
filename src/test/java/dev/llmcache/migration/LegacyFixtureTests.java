package dev.llmcache.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/** Scans and parses the fixture caches end to end, as a migration will. */
class LegacyFixtureTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    private final LegacyEntryParser parser = new LegacyEntryParser();

    @Test
    void centralizedFixtureMigratesFiveEntriesAndReportsEightFailures() {
        Path source = Fixtures.copy("centralized", dir);

        List<LegacyOutcome> outcomes = parseAll(source);

        assertThat(outcomes).hasSize(13);
        assertThat(entries(outcomes).keySet().stream().map(p -> source.relativize(Path.of(p)).toString()))
                .containsExactlyInAnyOrder(
                        "0a1b2c3d/cache/refactor/src_main_rs.json",
                        "0a1b2c3d/cache/refactor/nested/deeper/src_repo_cache_rs.json",
                        "0a1b2c3d/cache/security/src_auth_rs.json",
                        "12345678/cache/todos/todo_rs.json",
                        "9f8e7d6c/cache/docs/readme_md.json");
        assertThat(failures(source, outcomes)).containsExactlyEntriesOf(new TreeMap<>(Map.of(
                "0a1b2c3d/cache/security/broken_invalid.json", "security | invalid JSON at line 3, column 11: "
                        + "Unexpected character ('2' (code 50)): was expecting a colon to separate property name "
                        + "and value",
                "0a1b2c3d/cache/security/empty.json", "security | the file is empty",
                "9f8e7d6c/cache/docs/missing_hash.json", "docs | missing field file_hash",
                "9f8e7d6c/cache/docs/sub/missing_model.json", "docs | missing field model",
                "9f8e7d6c/cache/docs/missing_result.json", "docs | missing field result",
                "9f8e7d6c/cache/docs/wrong_type.json",
                "docs | field tokens_used must be a number or null, was a string",
                "9f8e7d6c/cache/Bad_Type/entry.json", "Bad_Type | cache type directory \"Bad_Type\" is not a valid "
                        + "cache type (lower-case letter, then up to 31 of a-z 0-9 _ -): rename the directory to "
                        + "migrate its files",
                "9f8e7d6c/cache/stray.json", "null | the file lies directly in the cache directory; only files "
                        + "inside a cache type directory (such as cache/refactor/) are migrated")));
    }

    @Test
    void olderEntryLikeTheSampleGetsTheContractsDefaults() throws Exception {
        Path source = Fixtures.copy("centralized", dir);
        Path file = source.resolve("0a1b2c3d/cache/refactor/nested/deeper/src_repo_cache_rs.json");

        LegacyEntry entry = (LegacyEntry) entries(parseAll(source)).get(file.toString());

        assertThat(entry).isEqualTo(new LegacyEntry(file.toString(), "/home/ana/proj-alpha", "refactor",
                "src/repo_cache.rs", "393d5460ff5da13f3adbda4ebc3bfcfba063ca82bc1d8bba5ac22615f0f5bfef", null,
                Instant.parse("2026-02-04T03:12:42.813401651Z"), "xai", "grok-beta", "", 1,
                JSON.readTree(Files.readString(file)).get("result"), null, 19079L, Files.size(file)));
    }

    @Test
    void fullEntryKeepsItsKeyLowercasedAndItsOwnFactors() throws Exception {
        Path source = Fixtures.copy("centralized", dir);
        Path file = source.resolve("0a1b2c3d/cache/refactor/src_main_rs.json");

        LegacyEntry entry = (LegacyEntry) entries(parseAll(source)).get(file.toString());

        assertThat(entry).isEqualTo(new LegacyEntry(file.toString(), "/home/ana/proj-alpha", "refactor",
                "src/main.rs", "5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef",
                "0123456789abcdef0123456789abcdef", Instant.parse("2026-03-01T10:00:00Z"), "xai", "grok-beta",
                "9f2c1e", 2, JSON.readTree("{\"complexity_score\": 12.5, \"suggestions\": [\"split main\"]}"),
                5420L, 12L, Files.size(file)));
    }

    @Test
    void directoryNamesTheCacheTypeWhenTheFileSaysOtherwise() {
        Path source = Fixtures.copy("centralized", dir);
        Path file = source.resolve("0a1b2c3d/cache/security/src_auth_rs.json");

        LegacyEntry entry = (LegacyEntry) entries(parseAll(source)).get(file.toString());

        assertThat(entry.cacheType()).isEqualTo("security");
        assertThat(entry.analyzedAt()).isEqualTo(Instant.parse("2026-02-10T07:30:00.5Z"));
        assertThat(entry.result().isArray()).isTrue();
    }

    @Test
    void minimalEntryTakesItsTimeFromTheFileAndDerivesItsPath() throws Exception {
        Path source = Fixtures.copy("centralized", dir);
        Path file = source.resolve("9f8e7d6c/cache/docs/readme_md.json");
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(Instant.parse("2026-01-02T03:04:05Z")));

        LegacyEntry entry = (LegacyEntry) entries(parseAll(source)).get(file.toString());

        assertThat(entry.repoPath()).isEqualTo(source.resolve("9f8e7d6c").toString());
        assertThat(entry.filePath()).isEqualTo("readme_md");
        assertThat(entry.provider()).isEqualTo("unknown");
        assertThat(entry.analyzedAt()).isEqualTo(Instant.parse("2026-01-02T03:04:05Z"));
        assertThat(entry.legacyKey()).isNull();
        assertThat(entry.tokensUsed()).isNull();
        assertThat(entry.fileSize()).isNull();
    }

    @Test
    void localFixtureMigratesTwoEntriesAndReportsTheBadKey() {
        Path repo = Fixtures.copy("local", dir).resolve("proj");

        List<LegacyOutcome> outcomes = parseAll(repo);

        assertThat(entries(outcomes).values()).extracting(e -> ((LegacyEntry) e).filePath() + " "
                        + ((LegacyEntry) e).legacyKey() + " " + ((LegacyEntry) e).schemaVersion())
                .containsExactlyInAnyOrder("src/lib.rs null 1", "src/x.rs 66666666666666666666666666666666 3");
        assertThat(failures(repo, outcomes)).containsExactly(Map.entry(
                ".rustassistant/cache/analysis/bad_key.json",
                "analysis | field cache_key must be 32 or 64 hexadecimal characters, was \"not-a-key\""));
    }

    private List<LegacyOutcome> parseAll(Path source) {
        try (Stream<LegacyFile> files = LegacyScanner.scan(LegacySource.resolve(source, LegacyLayout.AUTO))) {
            return files.map(parser::parse).toList();
        }
    }

    private static Map<String, LegacyOutcome> entries(List<LegacyOutcome> outcomes) {
        return outcomes.stream().filter(LegacyEntry.class::isInstance)
                .collect(Collectors.toMap(o -> ((LegacyEntry) o).sourceFile(), o -> o));
    }

    private static Map<String, String> failures(Path base, List<LegacyOutcome> outcomes) {
        return outcomes.stream().filter(LegacyFailure.class::isInstance).map(LegacyFailure.class::cast)
                .collect(Collectors.toMap(f -> base.relativize(Path.of(f.filePath())).toString(),
                        f -> f.cacheType() + " | " + f.error(), (a, b) -> a, TreeMap::new));
    }
}
