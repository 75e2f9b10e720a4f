package dev.llmcache.migration;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A legacy file that cannot be migrated, shaped as the contract's {@code failures[]} item.
 *
 * @param filePath the legacy file (or unreadable directory) in the source
 * @param cacheType the type directory's name, or null when the file is not in one
 * @param error a reason a person can act on
 */
@Schema(name = "MigrationFailure", description = "A legacy file that was not migrated, and why.")
public record LegacyFailure(
        @Schema(description = "The legacy file (or unreadable directory) in the source.",
                example = "/home/ana/.rustassistant/cache/repos/0a1b2c3d/cache/docs/missing_hash.json") String filePath,
        @Schema(description = "Its type directory's name; null for a file not in one.", nullable = true, example = "docs")
        String cacheType,
        @Schema(description = "Why it was not migrated.", example = "missing field file_hash") String error)
        implements LegacyOutcome {

    /**
     * The failure as a caller below ADMIN sees it: the reason without what follows its first colon,
     * where a parser may quote the file's content.
     */
    public LegacyFailure withoutDetails() {
        int colon = error == null ? -1 : error.indexOf(':');
        return colon < 0 ? this : new LegacyFailure(filePath, cacheType,
                error.substring(0, colon) + " (the details are shown to ADMIN tokens)");
    }
}
