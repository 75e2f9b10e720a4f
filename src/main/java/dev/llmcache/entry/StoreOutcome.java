package dev.llmcache.entry;

/** What a store did: created a new entry, or replaced the one under the same key. */
public record StoreOutcome(EntryMetadata entry, boolean created) {
}
