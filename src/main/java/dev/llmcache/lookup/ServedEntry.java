package dev.llmcache.lookup;

import dev.llmcache.entry.EntryMetadata;

/** A hit as served: the metadata (with this server's unflushed accesses), ETag and result JSON. */
public record ServedEntry(EntryMetadata metadata, String etag, byte[] resultJson) {
}
