package dev.llmcache.lookup;

import dev.llmcache.entry.KeyFactors;

/**
 * One lookup of a batch with its cache key computed once: the key is a SHA-256 of the factors, and a
 * batch of 100 computed each three times (to dedupe, to match, to answer), 1.1-1.9 % of its profile.
 */
public record BatchKey(String cacheKey, String cacheType, String model) {

    /** The key of a lookup's factors, with the labels a miss is counted under. */
    public static BatchKey of(KeyFactors factors) {
        return new BatchKey(factors.cacheKey(), factors.cacheType(), factors.model());
    }
}
