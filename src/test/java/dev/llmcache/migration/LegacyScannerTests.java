package dev.llmcache.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
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

        List<String> found;
        try (Stream<LegacyFile> files = LegacyScanner.scan(LegacySource.resolve(repo, LegacyLayout.AUTO))) {
            found = files.map(f -> repo.relativize(f.path()) + " | " + f.cacheType() + " | " + f.scanError()).toList();
        }

        String link = "it is a symbolic link, which a migration does not follow";
        assertThat(found).containsExactlyInAnyOrder(
                ".rustassistant/cache/refactor/src_lib_rs.json | refactor | null",
                ".rustassistant/cache/analysis/deep/er/src_x_rs.json | analysis | null",
                ".rustassistant/cache/analysis/bad_key.json | analysis | null",
                ".rustassistant/cache/refactor/linked.json | refactor | cannot read linked.json: " + link,
                ".rustassistant/cache/refactor/linked-dir | refactor | cannot read linked-dir: " + link,
                ".rustassistant/cache/linked-type | null | cannot read linked-type: " + link,
                ".rustassistant/cache/refactor/loop | refactor | cannot read loop: " + link);
    }

    /**
     * The penetration test's finding 1, at the walk: the source was checked and resolved, then, while the walk is in
     * {@code aaaaaaaa}, the not yet opened {@code bbbbbbbb} is swapped for a link to a cache outside the allowed
     * root. The walk is lazy, so swapping after its first item is deterministic.
     */
    @Test
    void repositorySwappedForALinkDuringTheWalkIsReportedAndNotFollowed() throws IOException {
        Path allowed = Files.createDirectories(dir.resolve("allowed"));
        Path source = allowed.resolve("race");
        SyntheticCache.writeEntries(source.resolve("aaaaaaaa/cache/refactor"), 0, 2);
        SyntheticCache.writeEntries(source.resolve("bbbbbbbb/cache/refactor"), 2, 3);
        Path outside = outsideCache();
        LegacySource resolved = LegacySource.resolve(allowed, source, LegacyLayout.AUTO);

        List<LegacyFile> found = new ArrayList<>();
        try (Stream<LegacyFile> files = LegacyScanner.scan(resolved)) {
            Iterator<LegacyFile> walk = files.iterator();
            found.add(walk.next());
            Files.move(source.resolve("bbbbbbbb"), allowed.resolve("moved-away"));
            Files.createSymbolicLink(source.resolve("bbbbbbbb"), outside);
            walk.forEachRemaining(found::add);
        }

        assertThat(found).extracting(f -> source.relativize(f.path()) + " | " + f.scanError()).containsExactlyInAnyOrder(
                "aaaaaaaa/cache/refactor/f0.json | null", "aaaaaaaa/cache/refactor/f1.json | null",
                "bbbbbbbb | cannot read bbbbbbbb: it is a symbolic link, which a migration does not follow");
        assertThat(found).allSatisfy(f -> assertThat(f.content() == null ? "" : new String(f.content()))
                .doesNotContain("hunter2").doesNotContain("9000"));
    }

    /** The source itself swapped for a link after the check: opened from the allowed root, it is met as a link. */
    @Test
    void sourceSwappedForALinkAfterTheCheckIsNotFollowed() throws IOException {
        Path allowed = Files.createDirectories(dir.resolve("allowed"));
        Path source = allowed.resolve("race");
        SyntheticCache.writeEntries(source.resolve("aaaaaaaa/cache/refactor"), 0, 2);
        LegacySource resolved = LegacySource.resolve(allowed, source, LegacyLayout.AUTO);
        Path elsewhere = dir.resolve("elsewhere");
        SyntheticCache.writeEntries(elsewhere.resolve("aaaaaaaa/cache/refactor"), 9_000, 9_001);
        Files.move(source, allowed.resolve("moved-away"));
        Files.createSymbolicLink(source, elsewhere);

        try (Stream<LegacyFile> files = LegacyScanner.scan(resolved)) {
            assertThat(files.map(f -> source.relativize(f.path()) + " | " + f.scanError())).containsExactly(
                    " | cannot read race: it is a symbolic link, which a migration does not follow");
        }
        assertThat(LegacyScanner.count(resolved)).isEqualTo(1);
    }

    @Test
    void fileContentsAreReadByTheScanUpToOneByteMoreThanTheLimit() throws IOException {
        Path source = dir.resolve("source");
        SyntheticCache.writeEntries(source.resolve("aaaaaaaa/cache/refactor"), 0, 1);
        Path file = source.resolve("aaaaaaaa/cache/refactor/f0.json");
        byte[] bytes = Files.readAllBytes(file);

        try (Stream<LegacyFile> files = LegacyScanner.scan(LegacySource.resolve(source, LegacyLayout.AUTO), 10)) {
            LegacyFile read = files.findFirst().orElseThrow();
            assertThat(read.content()).containsExactly(java.util.Arrays.copyOf(bytes, 11));
            assertThat(read.modifiedAt()).isEqualTo(Files.getLastModifiedTime(file).toInstant());
        }
        try (Stream<LegacyFile> files = LegacyScanner.scan(LegacySource.resolve(source, LegacyLayout.AUTO))) {
            assertThat(files.findFirst().orElseThrow().content()).containsExactly(bytes);
        }
    }

    /** {@code <dir>/outside/cache/refactor} with a valid entry (9000) and a file that is not JSON. */
    private Path outsideCache() {
        Path outside = dir.resolve("outside");
        SyntheticCache.writeEntries(outside.resolve("cache/refactor"), 9_000, 9_001);
        Fixtures.write(outside.resolve("cache/refactor/secret.json"), "SECRET_TOKEN=hunter2\n");
        return outside;
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
