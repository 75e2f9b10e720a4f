package dev.llmcache.migration;

import dev.llmcache.support.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceBackupTests {

    private static final Instant NOW = Instant.parse("2026-11-21T08:15:00Z");

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(NOW);
    private final SourceBackup backup = new SourceBackup(clock);

    @Test
    void copyIsFaithfulFileByFileAndKeepsTimes() throws IOException {
        Path source = Fixtures.copy("centralized", dir.resolve("src"));
        Files.setLastModifiedTime(source.resolve("0a1b2c3d/cache/refactor/src_main_rs.json"),
                FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));
        Files.setLastModifiedTime(source.resolve("0a1b2c3d/cache/refactor/nested"),
                FileTime.from(Instant.parse("2025-06-01T12:00:00Z")));

        Path copy = backup.backup(sourceAt(source), dir.resolve("backups"));

        assertThat(copy).isEqualTo(dir.resolve("backups/legacy-cache-20261121T081500Z"));
        assertSameTree(source, copy);
        assertThat(Files.getLastModifiedTime(copy.resolve("0a1b2c3d/cache/refactor/nested")))
                .isEqualTo(FileTime.from(Instant.parse("2025-06-01T12:00:00Z")));
    }

    @Test
    void linksAreLeftOutAndNotFollowed() throws IOException {
        Path source = Fixtures.copy("local", dir.resolve("src"));
        Path secret = Fixtures.write(dir.resolve("outside/secret.json"), "{\"secret\": true}");
        Files.createSymbolicLink(source.resolve("proj/.rustassistant/cache/refactor/link.json"), secret);
        Files.createSymbolicLink(source.resolve("proj/outside-dir"), secret.getParent());

        Path copy = backup.backup(sourceAt(source), dir.resolve("backups"));

        assertThat(copy.resolve("proj/.rustassistant/cache/refactor/link.json")).doesNotExist();
        assertThat(copy.resolve("proj/outside-dir")).doesNotExist();
        Files.delete(source.resolve("proj/.rustassistant/cache/refactor/link.json"));
        Files.delete(source.resolve("proj/outside-dir"));
        assertSameTree(source, copy);
    }

    /**
     * The penetration test's finding 1, at the backup: the source was checked (and resolved below its allowed
     * root), then swapped for a link to a tree outside before the backup ran. The old backup resolved the source's
     * path again and copied the whole outside tree; now nothing of it is copied and the backup fails.
     */
    @Test
    void sourceSwappedForALinkAfterTheCheckIsNotCopied() throws IOException {
        Path allowed = Files.createDirectories(dir.resolve("allowed"));
        Path source = Fixtures.copy("local", allowed).resolve("proj");
        LegacySource checked = LegacySource.resolve(allowed, source, LegacyLayout.AUTO);
        Path outside = Fixtures.copy("local", dir.resolve("outside")).resolve("proj");
        Fixtures.write(outside.resolve("id_ed25519"), "PRIVATE KEY hunter2");
        Files.move(source, allowed.resolve("moved-away"));
        Files.createSymbolicLink(source, outside);

        assertThatThrownBy(() -> backup.backup(checked, dir.resolve("backups")))
                .isInstanceOf(IOException.class)
                .hasMessage("backup of " + source + " failed, partial copy left in "
                        + dir.resolve("backups/legacy-cache-20261121T081500Z")
                        + ": it is a symbolic link, which a migration does not follow");
        assertThat(relativePaths(dir.resolve("backups/legacy-cache-20261121T081500Z"))).containsExactly("");
    }

    @Test
    void backupsInTheSameSecondGetTheirOwnDirectories() throws IOException {
        Path source = Fixtures.copy("local", dir.resolve("src"));

        Path first = backup.backup(sourceAt(source), dir.resolve("backups"));
        Path second = backup.backup(sourceAt(source), dir.resolve("backups"));
        clock.advance(java.time.Duration.ofSeconds(1));
        Path third = backup.backup(sourceAt(source), dir.resolve("backups"));

        assertThat(List.of(first, second, third)).extracting(p -> p.getFileName().toString()).containsExactly(
                "legacy-cache-20261121T081500Z", "legacy-cache-20261121T081500Z-2", "legacy-cache-20261121T081501Z");
        assertSameTree(source, second);
    }

    @Test
    void sourceIsNotWritten() throws IOException {
        Path source = Fixtures.copy("centralized", dir.resolve("src"));
        List<String> before = snapshot(source);

        backup.backup(sourceAt(source), dir.resolve("backups"));

        assertThat(snapshot(source)).isEqualTo(before);
    }

    @Test
    void backupRootInsideTheSourceIsRefusedBeforeAnythingIsWritten() throws IOException {
        Path source = Fixtures.copy("local", dir.resolve("src"));
        List<String> before = snapshot(source);

        assertThatThrownBy(() -> backup.backup(sourceAt(source), source.resolve("proj/backups")))
                .isInstanceOf(InvalidMigrationSourceException.class)
                .hasMessage("the backup directory " + source.resolve("proj/backups") + " lies inside the source "
                        + source + ", which must not be written to: set cache.backup-dir elsewhere");
        assertThat(snapshot(source)).isEqualTo(before);
    }

    /** A source that is its own anchor, as the offline command opens it. */
    private static LegacySource sourceAt(Path source) {
        return new LegacySource(source, source, LegacyLayout.LOCAL, List.of());
    }

    private static void assertSameTree(Path expected, Path actual) throws IOException {
        List<String> expectedPaths = relativePaths(expected);
        assertThat(relativePaths(actual)).isEqualTo(expectedPaths);
        for (String relative : expectedPaths) {
            Path from = expected.resolve(relative);
            Path to = actual.resolve(relative);
            if (Files.isSymbolicLink(from)) {
                assertThat(Files.readSymbolicLink(to)).as(relative).isEqualTo(Files.readSymbolicLink(from));
            } else if (Files.isRegularFile(from, LinkOption.NOFOLLOW_LINKS)) {
                assertThat(Files.mismatch(from, to)).as(relative).isEqualTo(-1L);
                assertThat(Files.getLastModifiedTime(to)).as(relative).isEqualTo(Files.getLastModifiedTime(from));
            } else {
                assertThat(Files.isDirectory(to, LinkOption.NOFOLLOW_LINKS)).as(relative).isTrue();
            }
        }
    }

    private static List<String> relativePaths(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.map(p -> root.relativize(p).toString()).sorted().toList();
        }
    }

    private static List<String> snapshot(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.sorted().map(p -> {
                try {
                    return root.relativize(p) + " " + Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS)
                            + " " + (Files.isRegularFile(p) ? Files.size(p) : -1);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
    }
}
