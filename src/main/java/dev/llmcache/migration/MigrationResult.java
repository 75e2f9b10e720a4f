package dev.llmcache.migration;

import java.util.List;

/**
 * The contract's {@code result} object of a finished migration.
 *
 * @param spaceSaved {@code sourceSize - destinationSize}, never below 0 (as the Rust tool reported it)
 * @param spaceSavedPercent {@code spaceSaved} as a percentage of {@code sourceSize}, 0 for an empty source
 * @param backupPath where the source was copied, or null without a backup
 * @param verified the verification's outcome, or null when none was asked for
 */
public record MigrationResult(
        long totalEntries,
        long totalMigrated,
        long totalFailed,
        long totalSkipped,
        long sourceSize,
        long destinationSize,
        long spaceSaved,
        double spaceSavedPercent,
        String backupPath,
        Boolean verified,
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
