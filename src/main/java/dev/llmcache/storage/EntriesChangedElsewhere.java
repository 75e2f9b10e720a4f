package dev.llmcache.storage;

/**
 * Another replica on the same PostgreSQL database committed a change of stored entries: what it published as
 * {@link EntriesChanged}, heard through {@link PostgresChangeListener}. Published outside any transaction.
 *
 * @param namespace the entry's namespace; null when any entry may have changed
 * @param cacheKey the entry's cache key (lowercase hex); null when any entry may have changed
 */
public record EntriesChangedElsewhere(String namespace, String cacheKey) {

    /** True when the change is not confined to one entry. */
    public boolean isAny() {
        return cacheKey == null;
    }
}
