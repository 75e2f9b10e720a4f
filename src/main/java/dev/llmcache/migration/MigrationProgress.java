package dev.llmcache.migration;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The contract's {@code progress} object: how far a migration has got.
 *
 * @param total the candidate files counted before the migration started
 * @param currentFile the legacy file being handled, or null before the first and after the last
 */
@Schema(name = "MigrationProgress", description = "How far a migration has got; the counts add up to the files handled so far.")
public record MigrationProgress(
        @Schema(description = "Candidate files (*.json) counted before the import began; 0 until then.", example = "1200")
        long total,
        @Schema(description = "Entries stored by this migration (in a dry run: that would be stored).", example = "800")
        long migrated,
        @Schema(description = "Files that could not be migrated; each is listed in result.failures.", example = "3")
        long failed,
        @Schema(description = "Entries already stored under the same key in this namespace (a re-run).", example = "12")
        long skipped,
        @Schema(description = "The last legacy file handled; null before the first and after the last.", nullable = true,
                example = "/home/ana/.rustassistant/cache/repos/0a1b2c3d/cache/refactor/src_main_rs.json")
        String currentFile) {

    /** Files handled so far, whatever the outcome. */
    public long done() {
        return migrated + failed + skipped;
    }
}
