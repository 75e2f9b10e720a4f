package dev.llmcache.entry;

/**
 * An entry as read for serving: its row id (for batched access updates), metadata, the result's
 * ETag and its compressed frame ({@code null} when only the head was read).
 */
public record StoredEntry(long id, long costNanos, EntryMetadata metadata, String etag, byte[] frame) {
}
