package dev.llmcache.migration;

/**
 * The contract's {@code progress} object: how far a migration has got.
 *
 * @param total the candidate files counted before the migration started
 * @param currentFile the legacy file being handled, or null before the first and after the last
 */
public record MigrationProgress(long total, long migrated, long failed, long skipped, String currentFile) {

    /** Files handled so far, whatever the outcome. */
    public long done() {
        return migrated + failed + skipped;
    }
}
