package dev.llmcache.entry;

/**
 * Published inside the transaction that stored a result, so that listeners bound to its commit
 * (the metrics) count only writes that really happened.
 *
 * @param cacheKey the key written (its lease, if any, ends with this write)
 * @param costNanos the price fixed for this write, in nano-dollars
 * @param tokens the tokens the write reports
 * @param imported true for an entry imported from the legacy cache, whose cost was paid when it was analysed
 * @param duplicate true when the write replaced an entry under the same key: its cost was paid twice
 * @param cachedInputTokens input tokens the write read from the provider's prompt cache (0 when unknown)
 * @param cacheWriteTokens input tokens the write wrote to the provider's prompt cache (0 when unknown)
 * @param promptCacheSavedNanos what those cache reads saved against the full input price, in nano-dollars
 */
public record EntryStored(String namespace, String cacheKey, String provider, String model, String cacheType,
        long costNanos, long tokens, boolean imported, boolean duplicate, long cachedInputTokens, long cacheWriteTokens,
        long promptCacheSavedNanos) {

    /** A write without prompt-cache figures. */
    public EntryStored(String namespace, String cacheKey, String provider, String model, String cacheType, long costNanos,
            long tokens, boolean imported, boolean duplicate) {
        this(namespace, cacheKey, provider, model, cacheType, costNanos, tokens, imported, duplicate, 0, 0, 0);
    }
}
