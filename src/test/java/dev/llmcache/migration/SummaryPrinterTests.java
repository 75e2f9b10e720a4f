package dev.llmcache.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SummaryPrinterTests {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    @Test
    void successfulMigrationPrintsTheOldToolsFiguresWithBackupAndVerification() {
        MigrationResult result = MigrationResult.of(new MigrationProgress(142, 140, 0, 2, null), 184_320, 45_891, false,
                "/data/backups/legacy-cache-20261121T081500Z", true, List.of());

        SummaryPrinter.print(result, false, out);

        assertThat(lines()).containsExactly(
                "✓ Migration complete!",
                "  Total entries:    142",
                "  Migrated:         140",
                "  Failed:           0",
                "  Skipped:          2",
                "  Source size:      184320 bytes (180.0 KiB), JSON files migrated",
                "  Destination size: 45891 bytes (44.8 KiB), database growth on disk",
                "  Space saved:      138429 bytes (135.2 KiB, 75.1%)",
                "  Backup:           /data/backups/legacy-cache-20261121T081500Z",
                "  Verification:     passed");
    }

    @Test
    void failuresAreListedUpToTwentyAndCounted() {
        List<LegacyFailure> failures = IntStream.rangeClosed(1, 23)
                .mapToObj(i -> new LegacyFailure("/c/refactor/f" + i + ".json", "refactor", "missing field model"))
                .toList();
        MigrationResult result = MigrationResult.of(new MigrationProgress(30, 7, 23, 0, null), 3 * 1024 * 1024,
                4 * 1024 * 1024, false, null, false, failures);

        SummaryPrinter.print(result, false, out);

        List<String> lines = lines();
        assertThat(lines.subList(0, 9)).containsExactly(
                "✗ Migration finished with 23 failures",
                "  Total entries:    30",
                "  Migrated:         7",
                "  Failed:           23",
                "  Skipped:          0",
                "  Source size:      3145728 bytes (3.0 MiB), JSON files migrated",
                "  Destination size: 4194304 bytes (4.0 MiB), database growth on disk",
                "  Space saved:      0 bytes (0 B, 0.0%)",
                "  Verification:     FAILED: the stored results differ from the source");
        assertThat(lines.subList(9, 12)).containsExactly("", "Failures:",
                "  /c/refactor/f1.json (refactor): missing field model");
        assertThat(lines).hasSize(12 + 19 + 1).last().isEqualTo("  ... and 3 more");
    }

    @Test
    void dryRunSaysNothingWasStoredAndAFailureWithoutTypeHasNoParentheses() {
        MigrationResult result = MigrationResult.of(new MigrationProgress(1, 0, 1, 0, null), 0, 0, true, null, null,
                List.of(new LegacyFailure("/c/stray.json", null, "the file lies directly in the cache directory")));

        SummaryPrinter.print(result, true, out);

        assertThat(lines()).containsExactly(
                "✗ Dry run finished with 1 failure",
                "  Total entries:    1",
                "  Would migrate:    0",
                "  Failed:           1",
                "  Skipped:          0",
                "  Source size:      0 bytes (0 B), JSON files a run would migrate",
                "  Destination size: not measured: a dry run writes nothing",
                "",
                "Failures:",
                "  /c/stray.json: the file lies directly in the cache directory");
    }

    @Test
    void cleanDryRunSaysWhatWouldBeMigratedNotThatItWas() {
        SummaryPrinter.print(MigrationResult.of(new MigrationProgress(1, 1, 0, 0, null), 0, 0, true, null, null,
                List.of()), true, out);

        assertThat(lines().get(0)).isEqualTo("✓ Dry run complete: nothing was stored");
        assertThat(lines()).contains("  Would migrate:    1").noneMatch(line -> line.startsWith("  Migrated:"));
    }

    @Test
    void resultDerivesSpaceSavedAndTakesTheTotalFromWhatWasDone() {
        MigrationResult result = MigrationResult.of(new MigrationProgress(10, 8, 3, 1, null), 2000, 500, false, null,
                null, List.of());

        assertThat(result.totalEntries()).isEqualTo(12);
        assertThat(result.spaceSaved()).isEqualTo(1500);
        assertThat(result.spaceSavedPercent()).isEqualTo(75.0);
    }

    @Test
    void dryRunClaimsNoSavingForTheDiskItDidNotWrite() {
        MigrationResult result = MigrationResult.of(new MigrationProgress(10, 10, 0, 0, null), 2000, 0, true, null,
                null, List.of());

        assertThat(result.spaceSaved()).isZero();
        assertThat(result.spaceSavedPercent()).isZero();
    }

    private List<String> lines() {
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }
}
