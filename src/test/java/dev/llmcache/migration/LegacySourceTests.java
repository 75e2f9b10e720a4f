package dev.llmcache.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LegacySourceTests {

    @TempDir
    Path dir;

    @Test
    void autoRecognisesCentralizedLayoutWithReposInHashOrder() {
        Path source = Fixtures.copy("centralized", dir);

        LegacySource resolved = LegacySource.resolve(source, LegacyLayout.AUTO);

        assertThat(resolved.layout()).isEqualTo(LegacyLayout.CENTRALIZED);
        assertThat(resolved.root()).isEqualTo(source);
        assertThat(resolved.repos()).containsExactly(
                new LegacyRepo("/home/ana/proj-alpha", source.resolve("0a1b2c3d/cache")),
                new LegacyRepo(source.resolve("12345678").toString(), source.resolve("12345678/cache")),
                new LegacyRepo(source.resolve("9f8e7d6c").toString(), source.resolve("9f8e7d6c/cache")));
    }

    @Test
    void centralizedRepoWithMetaButNoCacheIsRecognisedAndHasNothingToWalk() {
        Fixtures.write(dir.resolve("abcdef01/meta.json"), "{\"path\": \"/p\"}");

        LegacySource resolved = LegacySource.resolve(dir, LegacyLayout.AUTO);

        assertThat(resolved.layout()).isEqualTo(LegacyLayout.CENTRALIZED);
        assertThat(resolved.repos()).isEmpty();
    }

    @Test
    void metaJsonWithoutStringPathFallsBackToTheDirectory() {
        Fixtures.write(dir.resolve("abcdef01/meta.json"), "{\"path\": 42}");
        Fixtures.write(dir.resolve("abcdef02/meta.json"), "{\"path\": \"\"}");
        Fixtures.write(dir.resolve("abcdef03/meta.json"), "[]");
        for (String hash : new String[] {"abcdef01", "abcdef02", "abcdef03"}) {
            mkdirs(dir.resolve(hash).resolve("cache"));
        }

        LegacySource resolved = LegacySource.resolve(dir, LegacyLayout.CENTRALIZED);

        assertThat(resolved.repos()).extracting(LegacyRepo::repoPath).containsExactly(
                dir.resolve("abcdef01").toString(), dir.resolve("abcdef02").toString(),
                dir.resolve("abcdef03").toString());
    }

    @Test
    void localSourceMayNameTheRepoItsDotDirectoryOrItsCache() {
        Path repo = Fixtures.copy("local", dir).resolve("proj");
        LegacyRepo expected = new LegacyRepo(repo.toString(), repo.resolve(".rustassistant/cache"));

        for (Path source : new Path[] {repo, repo.resolve(".rustassistant"), repo.resolve(".rustassistant/cache")}) {
            for (LegacyLayout layout : new LegacyLayout[] {LegacyLayout.AUTO, LegacyLayout.LOCAL}) {
                LegacySource resolved = LegacySource.resolve(source, layout);
                assertThat(resolved.layout()).isEqualTo(LegacyLayout.LOCAL);
                assertThat(resolved.repos()).containsExactly(expected);
            }
        }
    }

    @Test
    void autoRejectsADirectoryThatIsNeitherLayout() {
        Fixtures.write(dir.resolve("notes/todo.json"), "{}");
        mkdirs(dir.resolve("abc/cache/refactor"));

        assertThatThrownBy(() -> LegacySource.resolve(dir, LegacyLayout.AUTO))
                .isInstanceOf(LegacyLayoutException.class)
                .isInstanceOf(InvalidMigrationSourceException.class)
                .hasMessage("no legacy cache found in " + dir + ": expected either <8-hex hash>/cache/<cacheType>/ "
                        + "directories (CENTRALIZED, such as ~/.rustassistant/cache/repos) or a repository with "
                        + ".rustassistant/cache/<cacheType>/ (LOCAL)");
    }

    @Test
    void autoRejectsAnEmptyDirectory() {
        assertThatThrownBy(() -> LegacySource.resolve(dir, LegacyLayout.AUTO))
                .isInstanceOf(LegacyLayoutException.class)
                .hasMessageStartingWith("no legacy cache found in " + dir);
    }

    @Test
    void explicitLayoutMustMatchTheDirectory() {
        Path centralized = Fixtures.copy("centralized", dir);
        Path repo = Fixtures.copy("local", dir).resolve("proj");

        assertThatThrownBy(() -> LegacySource.resolve(centralized, LegacyLayout.LOCAL))
                .isInstanceOf(LegacyLayoutException.class)
                .hasMessage("source " + centralized + " is not a LOCAL legacy cache: name a repository holding "
                        + ".rustassistant/cache/, its .rustassistant directory, or its .rustassistant/cache");
        assertThatThrownBy(() -> LegacySource.resolve(repo, LegacyLayout.CENTRALIZED))
                .isInstanceOf(LegacyLayoutException.class)
                .hasMessage("source " + repo + " is not a CENTRALIZED legacy cache: it holds no repository "
                        + "directory named by an 8-hex hash with a meta.json or a cache/ directory in it");
    }

    @Test
    void autoPointsAtTheCentralizedCacheInsideTheToolsHomeDirectory() {
        Path home = dir.resolve(".rustassistant");
        Fixtures.write(home.resolve("cache/repos/0a1b2c3d/meta.json"), "{\"path\": \"/p\"}");

        assertThatThrownBy(() -> LegacySource.resolve(home, LegacyLayout.AUTO))
                .isInstanceOf(LegacyLayoutException.class)
                .hasMessage("source " + home + " holds the Rust tool's centralized cache in "
                        + home.resolve("cache/repos") + ": pass that directory as source to migrate it, or layout "
                        + "LOCAL to read " + home.resolve("cache") + " as one repository's cache");
        assertThat(LegacySource.resolve(home, LegacyLayout.LOCAL).layout()).isEqualTo(LegacyLayout.LOCAL);
        assertThat(LegacySource.resolve(home.resolve("cache/repos"), LegacyLayout.AUTO).layout())
                .isEqualTo(LegacyLayout.CENTRALIZED);
    }

    @Test
    void autoRefusesToGuessWhenBothLayoutsMatch() {
        mkdirs(dir.resolve(".rustassistant/cache/refactor"));
        mkdirs(dir.resolve("0a1b2c3d/cache/refactor"));

        assertThatThrownBy(() -> LegacySource.resolve(dir, LegacyLayout.AUTO))
                .isInstanceOf(LegacyLayoutException.class)
                .hasMessage("source " + dir + " looks like both a LOCAL and a CENTRALIZED legacy cache: say which "
                        + "with layout LOCAL or CENTRALIZED");
    }

    @Test
    void aFileIsNotASource() {
        Path file = Fixtures.write(dir.resolve("a.json"), "{}");

        assertThatThrownBy(() -> LegacySource.resolve(file, LegacyLayout.AUTO))
                .isInstanceOf(LegacyLayoutException.class)
                .hasMessage("source " + file + " is not a directory");
    }

    @Test
    void linkedSourceIsNotFollowed() throws IOException {
        Path repo = Fixtures.copy("local", dir).resolve("proj");
        Path link = Files.createSymbolicLink(dir.resolve("link"), repo);

        assertThatThrownBy(() -> LegacySource.resolve(link, LegacyLayout.AUTO))
                .isInstanceOf(LegacyLayoutException.class)
                .hasMessage("source " + link + " is a symbolic link, which a migration does not follow: pass the "
                        + "directory it leads to");
    }

    @Test
    void symbolicLinksAreNotFollowedWhileDetecting() throws IOException {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Fixtures.write(outside.resolve("real/.rustassistant/cache/refactor/a.json"), "{}");
        Fixtures.write(outside.resolve("repo/meta.json"), "{\"path\": \"/elsewhere\"}");
        mkdirs(outside.resolve("repo/cache/refactor"));
        Path source = Files.createDirectories(dir.resolve("source"));
        Files.createSymbolicLink(source.resolve(".rustassistant"), outside.resolve("real/.rustassistant"));
        Files.createSymbolicLink(source.resolve("0a1b2c3d"), outside.resolve("repo"));

        assertThatThrownBy(() -> LegacySource.resolve(source, LegacyLayout.AUTO))
                .isInstanceOf(LegacyLayoutException.class)
                .hasMessageStartingWith("no legacy cache found in " + source);
    }

    @Test
    void linkedMetaJsonIsNotReadAndTheDirectoryStandsForTheRepo() throws IOException {
        Fixtures.write(dir.resolve("outside/meta.json"), "{\"path\": \"/secret\"}");
        Path repo = Files.createDirectories(dir.resolve("source/0a1b2c3d/cache"));
        Files.createSymbolicLink(repo.resolveSibling("meta.json"), dir.resolve("outside/meta.json"));

        LegacySource resolved = LegacySource.resolve(dir.resolve("source"), LegacyLayout.AUTO);

        assertThat(resolved.repos()).extracting(LegacyRepo::repoPath)
                .containsExactly(dir.resolve("source/0a1b2c3d").toString());
    }

    private static void mkdirs(Path path) {
        try {
            Files.createDirectories(path);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
