package dev.llmcache.storage;

/**
 * Published by whatever changes rows of table {@code entries}, in the writing transaction when there is one: the
 * entry under a cache key may have changed (been replaced or deleted), or, with no key, any entry may have. A new
 * entry publishes nothing: no copy of a key that had no entry can exist. Listeners bound to the transaction's end
 * (the in-memory copies of served entries, {@code entry.HotEntries}) forget what they hold of it once the write is
 * committed; on PostgreSQL {@link PostgresChangeNotifier} also tells the other replicas, in the same transaction.
 *
 * @param namespace the entry's namespace; null when any entry may have changed
 * @param cacheKey the entry's cache key (lowercase hex); null when any entry may have changed
 */
public record EntriesChanged(String namespace, String cacheKey) {

    private static final EntriesChanged ANY = new EntriesChanged(null, null);

    /** Any entry may have changed: a write by a filter, an eviction, a re-compression, a flush of accesses. */
    public static EntriesChanged any() {
        return ANY;
    }

    /** True when the change is not confined to one entry. */
    public boolean isAny() {
        return cacheKey == null;
    }
}
