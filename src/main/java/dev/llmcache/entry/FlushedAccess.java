package dev.llmcache.entry;

/**
 * Accesses of an entry that a flush of this server's access counts wrote to its row: how many, and the latest (epoch
 * milliseconds); {@link HotEntries#accessesFlushed} adds them to the entry's copy.
 */
public record FlushedAccess(String namespace, String cacheKey, long id, long createdAt, long count, long lastAccessedAt) {
}
