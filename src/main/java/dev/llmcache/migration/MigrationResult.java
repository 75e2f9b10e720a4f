package dev.llmcache.migration;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * The contract's {@code result} object of a finished migration.
 *
 * @param spaceSaved {@code sourceSize - destinationSize}, never below 0 (as the Rust tool reported it)
 * @param spaceSavedPercent {@code spaceSaved} as a percentage of {@code sourceSize}, 0 for an empty source
 * @param backupPath where the source was copied, or null without a backup
 * @param verified the verification's outcome, or null when none was asked for
 */
@Schema(name = "MigrationResult", description = "What a migration did. The sizes cover the entries of the source that "
        + "are in the database (migrated or skipped): sourceSize is their legacy files' bytes, destinationSize their "
        + "compressed results' bytes.")
public record MigrationResult(
        @Schema(description = "Files handled: totalMigrated + totalFailed + totalSkipped.", example = "1200") long totalEntries,
        @Schema(description = "Entries stored by this migration (in a dry run: that would be stored).", example = "1185")
        long totalMigrated,
        @Schema(description = "Files that could not be migrated, verification mismatches included.", example = "3")
        long totalFailed,
        @Schema(description = "Entries already stored under the same key in this namespace.", example = "12")
        long totalSkipped,
        @Schema(description = "Bytes of the legacy files of the migrated and skipped entries.", example = "14680064")
        long sourceSize,
        @Schema(description = "Bytes of those entries' compressed results in the database (in a dry run: as they "
                + "would be stored).", example = "3145728") long destinationSize,
        @Schema(description = "sourceSize - destinationSize, never below 0.", example = "11534336") long spaceSaved,
        @Schema(description = "spaceSaved as a percentage of sourceSize, one decimal; 0 when sourceSize is 0.",
                example = "78.6") double spaceSavedPercent,
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
    public static MigrationResult of(MigrationProgress progress, long sourceSize, long destinationSize,
                                     String backupPath, Boolean verified, List<LegacyFailure> failures) {
        long saved = Math.max(0, sourceSize - destinationSize);
        double percent = sourceSize == 0 ? 0 : Math.round(saved * 1000.0 / sourceSize) / 10.0;
        return new MigrationResult(progress.done(), progress.migrated(), progress.failed(), progress.skipped(),
                sourceSize, destinationSize, saved, percent, backupPath, verified, failures);
    }
}
