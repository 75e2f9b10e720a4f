package dev.llmcache.eviction;

import dev.llmcache.eviction.EvictionRepository.Removed;
import java.util.List;

/** Counts of one eviction run, updated batch by batch as each commits. */
final class EvictionProgress {

    private long evicted;
    private long freedBytes;
    private long idleEvicted;

    void idle(List<Removed> removed) {
        idle(removed.size(), removed.stream().mapToLong(Removed::storedBytes).sum());
    }

    void idle(long entries, long bytes) {
        idleEvicted += entries;
        evicted += entries;
        freedBytes += bytes;
    }

    void limited(List<Removed> removed) {
        evicted += removed.size();
        freedBytes += removed.stream().mapToLong(Removed::storedBytes).sum();
    }

    long evicted() {
        return evicted;
    }

    long freedBytes() {
        return freedBytes;
    }

    long idleEvicted() {
        return idleEvicted;
    }
}
