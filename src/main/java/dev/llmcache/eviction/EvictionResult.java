package dev.llmcache.eviction;

import java.time.Duration;

/**
 * What a run removed (or, dry, would remove) and what remains, across all namespaces.
 *
 * @param evicted entries removed, idle ones included
 * @param freedBytes their stored bytes
 * @param idleEvicted of those, the entries removed for the olderThan limit
 * @param took how long the run took
 */
public record EvictionResult(EvictionPolicy policy, boolean dryRun, long evicted, long freedBytes,
        long remainingEntries, long remainingBytes, long idleEvicted, Duration took) {
}
