package dev.llmcache.entry;

import java.time.Instant;

/**
 * An entry's access count and latest access, in epoch milliseconds, as its row holds them or its copy in
 * {@link HotEntries}: what another replica's flush of access counts makes a replica read again.
 */
public record RowAccesses(String namespace, String cacheKey, long id, long createdAt, long accessCount, long lastAccessedAt) {

    /** The counts an entry as read (or its copy) holds. */
    static RowAccesses of(StoredEntry entry) {
        EntryMetadata metadata = entry.metadata();
        return new RowAccesses(metadata.namespace(), metadata.cacheKey(), entry.id(), metadata.createdAt().toEpochMilli(),
                metadata.accessCount(), metadata.lastAccessedAt().toEpochMilli());
    }

    /** The entry with these counts if they are its row's and newer, else the same entry (so that a lookup's check still finds it). */
    StoredEntry appliedTo(StoredEntry entry) {
        long more = accessCount - entry.metadata().accessCount();
        boolean later = lastAccessedAt > entry.metadata().lastAccessedAt().toEpochMilli();
        return entry.isRow(id, createdAt) && (more > 0 || later) ? entry.withAccesses(Math.max(0, more), Instant.ofEpochMilli(lastAccessedAt)) : entry;
    }
}
