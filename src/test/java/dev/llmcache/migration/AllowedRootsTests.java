package dev.llmcache.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AllowedRootsTests {

    @TempDir
    Path dir;

    private Path root;
    private Path outside;
    private AllowedRoots roots;

    @BeforeEach
    void layout() throws IOException {
        root = Files.createDirectories(dir.resolve("home/.rustassistant"));
        Files.createDirectories(root.resolve("cache/repos"));
        outside = Files.createDirectories(dir.resolve("home/secrets"));
        roots = new AllowedRoots(List.of(root));
    }

    @Test
    void directoryInsideARootIsAllowedAsItsRealPath() throws IOException {
        assertThat(roots.check(root + "/cache/repos")).isEqualTo(root.resolve("cache/repos").toRealPath());
        assertThat(roots.check(root + "/cache/./repos/../repos")).isEqualTo(root.resolve("cache/repos").toRealPath());
        assertThat(roots.check(root.toString())).isEqualTo(root.toRealPath());
    }

    @Test
    void dotDotCannotLeaveTheRoot() {
        assertForbidden(root + "/../secrets");
        assertForbidden(root + "/cache/../../secrets");
    }

    @Test
    void symbolicLinkInsideTheRootCannotLeadOutOfIt() throws IOException {
        Files.createSymbolicLink(root.resolve("escape"), outside);

        assertForbidden(root + "/escape");
        assertForbidden(root + "/escape/missing");
    }

    @Test
    void symbolicLinkOutsideLeadingIntoTheRootIsJudgedByWhereItLeads() throws IOException {
        Path alias = Files.createSymbolicLink(dir.resolve("alias"), root.resolve("cache"));

        assertThat(roots.check(alias.toString())).isEqualTo(root.resolve("cache").toRealPath());
    }

    @Test
    void rootReachedThroughALinkStillCounts() throws IOException {
        Path linkedRoot = Files.createSymbolicLink(dir.resolve("linked-root"), root);

        assertThat(new AllowedRoots(List.of(linkedRoot)).check(root + "/cache"))
                .isEqualTo(root.resolve("cache").toRealPath());
    }

    @Test
    void siblingSharingTheRootsNamePrefixIsOutside() throws IOException {
        Files.createDirectories(dir.resolve("home/.rustassistant-old"));

        assertForbidden(dir.resolve("home/.rustassistant-old").toString());
    }

    @Test
    void missingSourceInsideARootIsInvalidButOutsideIsForbidden() {
        assertThatThrownBy(() -> roots.check(root + "/cache/nope"))
                .isExactlyInstanceOf(InvalidMigrationSourceException.class)
                .hasMessage("source " + root + "/cache/nope does not exist");
        assertForbidden(outside + "/nope");
    }

    @Test
    void fileIsNotASource() throws IOException {
        Path file = Files.writeString(root.resolve("budget.json"), "{}");

        assertThatThrownBy(() -> roots.check(file.toString()))
                .isExactlyInstanceOf(InvalidMigrationSourceException.class)
                .hasMessage("source " + file + " is not a directory");
    }

    @Test
    void sourceMustBeANonEmptyAbsolutePath() {
        assertThatThrownBy(() -> roots.check("cache/repos"))
                .isExactlyInstanceOf(InvalidMigrationSourceException.class)
                .hasMessage("source must be an absolute path, was cache/repos");
        assertThatThrownBy(() -> roots.check(" "))
                .isExactlyInstanceOf(InvalidMigrationSourceException.class)
                .hasMessage("source must name a directory");
        assertThatThrownBy(() -> roots.check(null))
                .isExactlyInstanceOf(InvalidMigrationSourceException.class)
                .hasMessage("source must name a directory");
        assertThatThrownBy(() -> roots.check("/tmp/a\u0000b"))
                .isExactlyInstanceOf(InvalidMigrationSourceException.class)
                .hasMessageStartingWith("source /tmp/a\u0000b is not a valid path: ");
    }

    @Test
    void rootThatDoesNotExistAllowsNothing() {
        AllowedRoots missingRoot = new AllowedRoots(List.of(dir.resolve("nowhere")));

        assertThatThrownBy(() -> missingRoot.check(root.toString()))
                .isInstanceOf(MigrationSourceForbiddenException.class);
    }

    @Test
    void anyOfSeveralRootsWill() throws IOException {
        AllowedRoots two = new AllowedRoots(List.of(dir.resolve("nowhere"), outside));

        assertThat(two.check(outside.toString())).isEqualTo(outside.toRealPath());
    }

    @Test
    void defaultRootIsTheUsersRustassistantDirectory() {
        assertThat(AllowedRoots.userDefault().roots())
                .containsExactly(Path.of(System.getProperty("user.home"), ".rustassistant"));
    }

    private void assertForbidden(String source) {
        assertThatThrownBy(() -> roots.check(source))
                .isInstanceOf(MigrationSourceForbiddenException.class)
                .hasMessage("source " + source + " is outside the directories migrations may read "
                        + "(cache.migration.allowed-roots: [" + root + "])");
    }
}
