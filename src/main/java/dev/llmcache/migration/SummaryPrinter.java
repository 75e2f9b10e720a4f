package dev.llmcache.migration;

import dev.llmcache.support.ByteSizes;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * Prints a finished migration's summary in the spirit of the Rust tool's {@code cache migrate}, with
 * honest sizes: the source is the migrated entries' JSON files, the destination what the database grew by
 * on disk (what {@code du} shows), never the compressed results alone.
 */
public final class SummaryPrinter {

    static final int MAX_FAILURES_LISTED = 20;

    private SummaryPrinter() {
    }

    public static void print(MigrationResult result, boolean dryRun, PrintStream out) {
        out.println(headline(result, dryRun));
        row(out, "Total entries", Long.toString(result.totalEntries()));
        // A dry run stores nothing: it counts what a real run would migrate.
        row(out, dryRun ? "Would migrate" : "Migrated", Long.toString(result.totalMigrated()));
        row(out, "Failed", Long.toString(result.totalFailed()));
        row(out, "Skipped", Long.toString(result.totalSkipped()));
        row(out, "Source size", bytes(result.sourceSize()) + (dryRun ? ", JSON files a run would migrate"
                : ", JSON files migrated"));
        if (dryRun) {
            row(out, "Destination size", "not measured: a dry run writes nothing");
        } else {
            row(out, "Destination size", bytes(result.destinationSize()) + ", database growth on disk");
            row(out, "Space saved", String.format(Locale.ROOT, "%d bytes (%s, %.1f%%)", result.spaceSaved(),
                    ByteSizes.format(result.spaceSaved()), result.spaceSavedPercent()));
        }
        if (result.backupPath() != null) {
            row(out, "Backup", result.backupPath());
        }
        if (result.verified() != null) {
            row(out, "Verification", result.verified()
                    ? "passed" : "FAILED: the stored results differ from the source");
        }
        printFailures(result.failures(), result.totalFailed(), out);
        out.flush();
    }

    private static String headline(MigrationResult result, boolean dryRun) {
        if (result.totalFailed() > 0) {
            return String.format(Locale.ROOT, "✗ %s finished with %d failure%s", dryRun ? "Dry run" : "Migration",
                    result.totalFailed(), result.totalFailed() == 1 ? "" : "s");
        }
        return dryRun ? "✓ Dry run complete: nothing was stored" : "✓ Migration complete!";
    }

    private static void printFailures(List<LegacyFailure> failures, long totalFailed, PrintStream out) {
        if (failures.isEmpty()) {
            return;
        }
        out.println();
        out.println("Failures:");
        failures.stream().limit(MAX_FAILURES_LISTED).forEach(failure -> out.println("  " + failure.filePath()
                + (failure.cacheType() == null ? "" : " (" + failure.cacheType() + ")") + ": " + failure.error()));
        long more = Math.max(totalFailed, failures.size()) - Math.min(failures.size(), MAX_FAILURES_LISTED);
        if (more > 0) {
            out.println("  ... and " + more + " more");
        }
    }

    private static void row(PrintStream out, String label, String value) {
        out.println(String.format(Locale.ROOT, "  %-18s%s", label + ":", value));
    }

    private static String bytes(long bytes) {
        return bytes + " bytes (" + ByteSizes.format(bytes) + ")";
    }
}
