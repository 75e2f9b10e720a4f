package dev.llmcache.stats;

/** The maintained aggregates of one cache type in one namespace, in database units. */
record TypeStats(String cacheType, long entries, long tokens, long costNanos, long fileSize, long resultBytes,
        long storedBytes, long hits, long misses, long savedNanos) {
}
