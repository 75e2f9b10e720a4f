package dev.llmcache.migration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcache.LlmCacheServerApplication;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/** The offline command run in-process, as {@code main} runs it: output and exit status. */
@ExtendWith(OutputCaptureExtension.class)
class MigrateCommandTests {

    /** Tests log warnings only; the compaction is told on INFO lines. */
    private static final String COMPACTION_LOGGED = "--logging.level." + MigrationExecution.class.getName() + "=INFO";

    @TempDir
    Path dir;

    /** What one run printed and answered. */
    record Run(int status, String out, String err) {
    }

    private Run run(Function<String[], ConfigurableApplicationContext> application, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = MigrateCommand.run(args, application, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Runs the real application offline on this test's SQLite database. */
    private Run migrate(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--cache.data-dir=" + dir.resolve("data"));
        return run(LlmCacheServerApplication::startOffline, all.toArray(String[]::new));
    }

    private static ConfigurableApplicationContext mustNotStart(String[] args) {
        throw new AssertionError("the application must not start for bad usage");
    }

    @Test
    void badUsageExitsWithTwoAndTheUsageBeforeAnythingStarts() {
        for (String[] args : List.of(new String[] {}, new String[] {"--source"}, new String[] {"--frobnicate"},
                new String[] {"--source", "/x", "--layout", "SIDEWAYS"}, new String[] {"--source", "/x", "--verify", "--dry-run"},
                new String[] {"--source", "/x", "--namespace", "Not Valid"}, new String[] {"stray"})) {
            Run run = run(MigrateCommandTests::mustNotStart, args);
            assertThat(run.status()).as(String.join(" ", args)).isEqualTo(MigrateCommand.USAGE);
            assertThat(run.err()).startsWith("migrate: ").contains("usage: java -jar llm-cache-server.jar migrate");
        }
        assertThat(run(MigrateCommandTests::mustNotStart, "--source", "/x", "--layout", "SIDEWAYS").err())
                .startsWith("migrate: --layout must be one of [AUTO, CENTRALIZED, LOCAL], was SIDEWAYS\n");
    }

    @Test
    void helpPrintsTheUsageAndExitsWithZero() {
        Run run = run(MigrateCommandTests::mustNotStart, "--help");

        assertThat(run.status()).isEqualTo(MigrateCommand.OK);
        assertThat(run.out()).startsWith("usage: java -jar llm-cache-server.jar migrate --source DIR")
                .contains("Exit status: 0 when nothing failed");
    }

    @Test
    void sourceThatIsNotALegacyCacheExitsWithTwoBeforeAnythingStarts() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Path file = Files.writeString(dir.resolve("file.json"), "{}");

        assertThat(run(MigrateCommandTests::mustNotStart, "--source", dir.resolve("nowhere").toString()))
                .isEqualTo(new Run(2, "", "migrate: source " + dir.resolve("nowhere") + " does not exist\n"));
        assertThat(run(MigrateCommandTests::mustNotStart, "--source", file.toString()))
                .isEqualTo(new Run(2, "", "migrate: source " + file + " is not a directory\n"));
        Run notACache = run(MigrateCommandTests::mustNotStart, "--source", empty.toString());
        assertThat(notACache.status()).isEqualTo(2);
        assertThat(notACache.err()).startsWith("migrate: no legacy cache found in " + empty.toRealPath());
    }

    @Test
    void failedFilesExitWithOneAndAreListedInTheSummary() throws IOException {
        Path source = Fixtures.copy("centralized", dir);

        Run first = migrate("--source", source.toString(), "--namespace", "team-a");

        assertThat(first.status()).as(first.err()).isEqualTo(MigrateCommand.SOME_FAILED);
        assertThat(first.out()).contains("Migrating " + source.toRealPath() + " (CENTRALIZED, 3 repositories) into "
                + "namespace team-a\n", "✗ Migration finished with 8 failures\n", "  Total entries:    13\n",
                "  Migrated:         5\n", "  Failed:           8\n", "  Skipped:          0\n",
                "  " + source.toRealPath().resolve("9f8e7d6c/cache/docs/missing_hash.json") + " (docs): missing field file_hash\n",
                "  Migration id:     ");
        assertThat(first.out()).containsPattern("migrated 5, failed 8, skipped 0 of 13 \\(100%\\)");

        Run again = migrate("--source", source.toString(), "--namespace", "team-a", "--verify");

        assertThat(again.status()).isEqualTo(MigrateCommand.SOME_FAILED);
        assertThat(again.out()).contains("  Migrated:         0\n", "  Skipped:          5\n",
                "  Verification:     passed\n");
    }

    @Test
    void cleanCacheExitsWithZeroAndARunAfterADryRunStoresEverything() throws IOException {
        Path repo = Fixtures.copy("local", dir).resolve("proj");
        Files.delete(repo.resolve(".rustassistant/cache/analysis/bad_key.json"));

        Run dry = migrate("--source", repo.toString(), "--dry-run");
        Run real = migrate("--source=" + repo, "--layout=local", "--backup");
        Run again = migrate("--source", repo.toString());

        assertThat(dry.status()).isEqualTo(MigrateCommand.OK);
        assertThat(dry.out()).contains("✓ Dry run complete: nothing was stored\n", "  Would migrate:    2\n");
        assertThat(real.status()).isEqualTo(MigrateCommand.OK);
        assertThat(real.out()).contains("✓ Migration complete!\n", "  Migrated:         2\n",
                "  Backup:           " + dir.resolve("data/backups/legacy-cache-"));
        assertThat(again.status()).isEqualTo(MigrateCommand.OK);
        assertThat(again.out()).contains("  Migrated:         0\n", "  Skipped:          2\n");
    }

    @Test
    void aFirstImportIsCompactedByDefaultAndAnImportIntoADatabaseThatHoldsEntriesIsNot(CapturedOutput output)
            throws IOException {
        Path repo = Fixtures.copy("local", dir).resolve("proj");
        Files.delete(repo.resolve(".rustassistant/cache/analysis/bad_key.json"));

        Run first = migrate("--source", repo.toString(), COMPACTION_LOGGED);
        int afterFirst = output.getOut().length();
        Run second = migrate("--source", repo.toString(), "--namespace", "team-b", COMPACTION_LOGGED);
        int afterSecond = output.getOut().length();
        Run asked = migrate("--source", repo.toString(), "--namespace", "team-c", "--compact", COMPACTION_LOGGED);

        assertThat(List.of(first.status(), second.status(), asked.status())).containsOnly(MigrateCommand.OK);
        assertThat(second.out()).contains("  Migrated:         2\n");
        assertThat(output.getOut().substring(0, afterFirst)).as("the first import, into an empty database")
                .containsPattern("compacted the database in \\S+: \\d+ -> \\d+ bytes on disk");
        assertThat(output.getOut().substring(afterFirst, afterSecond)).as("an import into a database that holds entries")
                .contains("Migration ").doesNotContain("compact");
        assertThat(output.getOut().substring(afterSecond)).as("--compact").contains("compacted the database in ");
    }

    @Test
    void noCompactLeavesAFirstImportAsWritten(CapturedOutput output) throws IOException {
        Path repo = Fixtures.copy("local", dir).resolve("proj");
        Files.delete(repo.resolve(".rustassistant/cache/analysis/bad_key.json"));

        Run run = migrate("--source", repo.toString(), "--no-compact", COMPACTION_LOGGED);

        assertThat(run.status()).isEqualTo(MigrateCommand.OK);
        assertThat(run.out()).contains("  Migrated:         2\n");
        assertThat(output.getOut()).contains("Migration ").doesNotContain("compact");
    }

    @Test
    void applicationThatCannotStartExitsWithThree() throws IOException {
        Path repo = Fixtures.copy("local", dir).resolve("proj");
        Path notADirectory = Files.writeString(dir.resolve("data-file"), "");

        Run run = run(LlmCacheServerApplication::startOffline, "--source", repo.toString(),
                "--cache.data-dir=" + notADirectory);

        assertThat(run.status()).isEqualTo(MigrateCommand.NOT_FINISHED);
        assertThat(run.err()).startsWith("migrate: the application could not start: ");
    }
}
