package dev.llmcache.migration;

/**
 * A legacy file that cannot be migrated, shaped as the contract's {@code failures[]} item.
 *
 * @param filePath the legacy file (or unreadable directory) in the source
 * @param cacheType the type directory's name, or null when the file is not in one
 * @param error a reason a person can act on
 */
public record LegacyFailure(String filePath, String cacheType, String error) implements LegacyOutcome {
}
