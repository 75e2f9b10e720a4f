package dev.llmcache.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LegacyScannerTests {

    @TempDir
    Path dir;

    @Test
    void centralizedScanYieldsEveryJsonFileWithItsRepoAndTypeIncludingNestedOnes() {
        Path source = Fixtures.copy("centralized", dir);
        String noMeta = source.resolve("9f8e7d6c").toString();
        String badMeta = source.resolve("12345678").toString();

        List<String> found = describe(source, LegacySource.resolve(source, LegacyLayout.AUTO));

        assertThat(found).containsExactlyInAnyOrder(
                "0a1b2c3d/cache/refactor/src_main_rs.json | /home/ana/proj-alpha | refactor",
                "0a1b2c3d/cache/refactor/nested/deeper/src_repo_cache_rs.json | /home/ana/proj-alpha | refactor",
                "0a1b2c3d/cache/security/src_auth_rs.json | /home/ana/proj-alpha | security",
                "0a1b2c3d/cache/security/broken_invalid.json | /home/ana/proj-alpha | security",
                "0a1b2c3d/cache/security/empty.json | /home/ana/proj-alpha | security",
                "12345678/cache/todos/todo_rs.json | " + badMeta + " | todos",
                "9f8e7d6c/cache/docs/readme_md.json | " + noMeta + " | docs",
                "9f8e7d6c/cache/docs/missing_hash.json | " + noMeta + " | docs",
                "9f8e7d6c/cache/docs/sub/missing_model.json | " + noMeta + " | docs",
                "9f8e7d6c/cache/docs/missing_result.json | " + noMeta + " | docs",
                "9f8e7d6c/cache/docs/wrong_type.json | " + noMeta + " | docs",
                "9f8e7d6c/cache/Bad_Type/entry.json | " + noMeta + " | Bad_Type",
                "9f8e7d6c/cache/stray.json | " + noMeta + " | null");
    }

    @Test
    void localScanYieldsTheRepositorysEntries() {
        Path repo = Fixtures.copy("local", dir).resolve("proj");

        List<String> found = describe(repo, LegacySource.resolve(repo, LegacyLayout.AUTO));

        assertThat(found).containsExactlyInAnyOrder(
                ".rustassistant/cache/refactor/src_lib_rs.json | " + repo + " | refactor",
                ".rustassistant/cache/analysis/deep/er/src_x_rs.json | " + repo + " | analysis",
                ".rustassistant/cache/analysis/bad_key.json | " + repo + " | analysis");
    }

    @Test
    void countWalksTheSameFilesAsScan() {
        LegacySource centralized = LegacySource.resolve(Fixtures.copy("centralized", dir), LegacyLayout.AUTO);
        LegacySource local = LegacySource.resolve(Fixtures.copy("local", dir).resolve("proj"), LegacyLayout.AUTO);

        assertThat(LegacyScanner.count(centralized)).isEqualTo(13);
        assertThat(LegacyScanner.count(local)).isEqualTo(3);
    }

    @Test
    void typeDirectoryIsRecordedForEachFile() {
        Path repo = Fixtures.copy("local", dir).resolve("proj");
        try (Stream<LegacyFile> files = LegacyScanner.scan(LegacySource.resolve(repo, LegacyLayout.LOCAL))) {
            assertThat(files.filter(f -> f.path().endsWith("src_x_rs.json")).findFirst()).get()
                    .extracting(LegacyFile::typeDir)
                    .isEqualTo(repo.resolve(".rustassistant/cache/analysis"));
        }
    }

    @Test
    void symbolicLinksToFilesAndDirectoriesAreNotFollowed() throws IOException {
        Path repo = Fixtures.copy("local", dir).resolve("proj");
        Path cache = repo.resolve(".rustassistant/cache");
        Path outside = dir.resolve("outside");
        Path outsideEntry = Fixtures.write(outside.resolve("entry.json"), "{}");
        Fixtures.write(outside.resolve("more/other.json"), "{}");
        Files.createSymbolicLink(cache.resolve("refactor/linked.json"), outsideEntry);
        Files.createSymbolicLink(cache.resolve("refactor/linked-dir"), outside.resolve("more"));
        Files.createSymbolicLink(cache.resolve("linked-type"), outside);
        Files.createSymbolicLink(cache.resolve("refactor/loop"), cache);

        List<String> found = describe(repo, LegacySource.resolve(repo, LegacyLayout.AUTO));

        assertThat(found).containsExactlyInAnyOrder(
                ".rustassistant/cache/refactor/src_lib_rs.json | " + repo + " | refactor",
                ".rustassistant/cache/analysis/deep/er/src_x_rs.json | " + repo + " | analysis",
                ".rustassistant/cache/analysis/bad_key.json | " + repo + " | analysis");
    }

    @Test
    void linkedRepositoryDirectoryIsNotWalked() throws IOException {
        Path source = Files.createDirectories(dir.resolve("source"));
        Fixtures.write(source.resolve("0a1b2c3d/cache/refactor/a.json"), "{}");
        Fixtures.write(dir.resolve("outside/cache/refactor/b.json"), "{}");
        Files.createSymbolicLink(source.resolve("0a1b2c3e"), dir.resolve("outside"));

        List<String> found = describe(source, LegacySource.resolve(source, LegacyLayout.AUTO));

        assertThat(found).containsExactly("0a1b2c3d/cache/refactor/a.json | " + source.resolve("0a1b2c3d")
                + " | refactor");
    }

    private static List<String> describe(Path base, LegacySource source) {
        try (Stream<LegacyFile> files = LegacyScanner.scan(source)) {
            return files.map(f -> base.relativize(f.path()) + " | " + f.repoPath() + " | " + f.cacheType()).toList();
        }
    }
}
