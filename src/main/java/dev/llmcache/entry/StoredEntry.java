package dev.llmcache.entry;

import java.time.Instant;

/**
 * An entry as read for serving: its row id (for batched access updates), metadata, the result's
 * ETag, and its result: the compressed frame as read ({@code null} when only the head was read) or,
 * in a copy that {@link HotEntries} keeps, the JSON a lookup already decoded and checked against its
 * size and ETag ({@code checkedResult}, then without the frame).
 */
public record StoredEntry(long id, long costNanos, EntryMetadata metadata, String etag, byte[] frame, byte[] checkedResult) {

    /** An entry as read from the database: its result still to be decoded and checked. */
    public StoredEntry(long id, long costNanos, EntryMetadata metadata, String etag, byte[] frame) {
        this(id, costNanos, metadata, etag, frame, null);
    }

    /** This entry with more accesses, the latest at {@code lastAccess} unless it had a later one. */
    StoredEntry withAccesses(long moreAccesses, Instant lastAccess) {
        return new StoredEntry(id, costNanos, metadata.withAccesses(moreAccesses, lastAccess), etag, frame, checkedResult);
    }

    /** Whether this is the row of that id and creation time (epoch milliseconds), not one that replaced it under its key. */
    boolean isRow(long rowId, long createdAtMillis) {
        return id == rowId && metadata.createdAt().toEpochMilli() == createdAtMillis;
    }

    /** This entry with its result as decoded and checked, in place of its frame. */
    StoredEntry checked(byte[] result) {
        return new StoredEntry(id, costNanos, metadata, etag, null, result);
    }
}
