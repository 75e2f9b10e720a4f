package dev.llmcache.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exit status of {@code migrate} reaches the shell: {@code main} runs the command and exits with it. */
class MigrateCommandProcessTests {

    @TempDir
    Path dir;

    @Test
    void exitStatusIsTwoForBadUsageOneForFailedFilesAndZeroForACleanCache() throws IOException {
        Path centralized = Fixtures.copy("centralized", dir);
        Path repo = Fixtures.copy("local", dir).resolve("proj");
        Files.delete(repo.resolve(".rustassistant/cache/analysis/bad_key.json"));
        String database = "--cache.data-dir=" + dir.resolve("data");

        MigrateProcess.Exit usage = MigrateProcess.run(dir.resolve("usage.log"));
        MigrateProcess.Exit failed = MigrateProcess.run(dir.resolve("failed.log"), "--source", centralized.toString(),
                database);
        MigrateProcess.Exit clean = MigrateProcess.run(dir.resolve("clean.log"), "--source", repo.toString(), database);

        assertThat(usage.status()).as(usage.output()).isEqualTo(2);
        assertThat(usage.output()).startsWith("migrate: --source DIR is required");
        assertThat(failed.status()).as(failed.output()).isEqualTo(1);
        assertThat(failed.output()).contains("  Migrated:         5\n", "  Failed:           8\n");
        assertThat(clean.status()).as(clean.output()).isZero();
        assertThat(clean.output()).contains("✓ Migration complete!\n", "  Migrated:         2\n");
    }

    /**
     * A file and a directory no one may read are failures with their reason, and the walk goes on past
     * them (to the file that fails for another reason). The command runs without the capabilities that
     * let root read anything, so this runs, and can fail, under CI's root too.
     */
    @Test
    void unreadableFileAndDirectoryAreFailuresWithTheirReasonAndTheWalkGoesOn() throws IOException {
        Path repo = Fixtures.copy("local", dir).resolve("proj");
        Path cache = repo.resolve(".rustassistant/cache");
        Files.setPosixFilePermissions(cache.resolve("refactor/src_lib_rs.json"), PosixFilePermissions.fromString("---------"));
        Files.setPosixFilePermissions(cache.resolve("analysis/deep"), PosixFilePermissions.fromString("---------"));

        MigrateProcess.Exit exit = MigrateProcess.runUnprivileged(dir.resolve("denied.log"), "--source", repo.toString(),
                "--cache.data-dir=" + dir.resolve("data"));

        assertThat(exit.status()).as(exit.output()).isEqualTo(1);
        assertThat(exit.output()).contains("  Migrated:         0\n", "  Failed:           3\n",
                "  " + cache.resolve("refactor/src_lib_rs.json") + " (refactor): cannot read the file: permission denied\n",
                "  " + cache.resolve("analysis/deep") + " (analysis): cannot read deep: permission denied\n",
                "  " + cache.resolve("analysis/bad_key.json") + " (analysis): ");
    }
}
