package dev.llmcache.storage;

/**
 * Another replica on the same PostgreSQL database flushed its access counts ({@link EntriesAccessed} there): rows of
 * {@code entries} got new access counts and times, nothing else. Heard through {@link PostgresChangeListener} and
 * published outside any transaction; this server then reads the counts of the entries it keeps copies of, instead of
 * forgetting the copies ({@code lookup.CopiedCounts}).
 */
public record EntriesAccessedElsewhere() {
}
