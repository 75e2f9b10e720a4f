package dev.llmcache.migration;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * The contract's {@code result} object of a finished migration.
 *
 * @param destinationSize what the database grew by on disk during the import, indices and free pages included
 *     (measured after a checkpoint); 0 in a dry run, which writes nothing
 * @param spaceSaved {@code sourceSize - destinationSize}, never below 0 (as the Rust tool reported it)
 * @param spaceSavedPercent {@code spaceSaved} as a percentage of {@code sourceSize}, 0 for an empty source
 * @param backupPath where the source was copied, or null without a backup
 * @param verified the verification's outcome, or null when none was asked for
 */
@Schema(name = "MigrationResult", description = "What a migration did. sourceSize is the legacy files' bytes of the "
        + "entries this migration stored; destinationSize is what the database grew by on disk meanwhile (rows, "
        + "indices and compressed results: what du of the data directory shows), so spaceSavedPercent is the saving "
        + "a user sees. A dry run writes nothing: its destinationSize, spaceSaved and spaceSavedPercent are 0.")
public record MigrationResult(
        @Schema(description = "Files handled: totalMigrated + totalFailed + totalSkipped.", example = "1200") long totalEntries,
        @Schema(description = "Entries stored by this migration (in a dry run: that would be stored).", example = "1185")
        long totalMigrated,
        @Schema(description = "Files that could not be migrated, verification mismatches included.", example = "3")
        long totalFailed,
        @Schema(description = "Entries already stored under the same key in this namespace.", example = "12")
        long totalSkipped,
        @Schema(description = "Bytes of the legacy files of the entries this migration stored (in a dry run: would "
                + "store); skipped entries are not counted.", example = "14680064") long sourceSize,
        @Schema(description = "Bytes the database grew by on disk during the migration, indices included, measured "
                + "after a checkpoint (SQLite: the file and its WAL; PostgreSQL: the cache's tables with their indices "
                + "and TOAST). Writes of other clients meanwhile count too. 0 in a dry run.", example = "3145728")
        long destinationSize,
        @Schema(description = "sourceSize - destinationSize, never below 0; 0 in a dry run.", example = "11534336")
        long spaceSaved,
        @Schema(description = "spaceSaved as a percentage of sourceSize (source against destination on disk), one "
                + "decimal; 0 when sourceSize is 0 and in a dry run.", example = "78.6") double spaceSavedPercent,
        @Schema(description = "Where the source was copied; null without backup.", nullable = true,
                example = "/var/lib/llm-cache/backups/legacy-cache-20261121T081500Z") String backupPath,
        @Schema(description = "Null without verify; else true only when every entry read back from the database "
                + "equals its source file's result.", nullable = true, example = "true") Boolean verified,
        @Schema(description = "The files that failed, each with its path and a reason, in the order they were met; at "
                + "most cache.migration.max-failures-listed (default 1000) of them, totalFailed counts all.")
        List<LegacyFailure> failures) {

    public MigrationResult {
        failures = List.copyOf(failures);
    }

    /**
     * Builds a result from the final progress (its {@code done()} is the total, so the counts add up even
     * if files appeared after the up-front count) and derives the space figures from the two sizes.
     */
    public static MigrationResult of(MigrationProgress progress, long sourceSize, long destinationSize, boolean dryRun,
                                     String backupPath, Boolean verified, List<LegacyFailure> failures) {
        // a dry run measures nothing on disk: claiming its whole source as saved would be false
        long saved = dryRun ? 0 : Math.max(0, sourceSize - destinationSize);
        double percent = sourceSize == 0 ? 0 : Math.round(saved * 1000.0 / sourceSize) / 10.0;
        return new MigrationResult(progress.done(), progress.migrated(), progress.failed(), progress.skipped(),
                sourceSize, destinationSize, saved, percent, backupPath, verified, failures);
    }
}
