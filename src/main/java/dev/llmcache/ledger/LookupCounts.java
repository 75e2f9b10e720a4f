package dev.llmcache.ledger;

/** Hits, misses and the dollars (in nano-dollars) the hits saved, added up over some lookups. */
public record LookupCounts(long hits, long misses, long savedNanos) {

    public static final LookupCounts ZERO = new LookupCounts(0, 0, 0);

    public LookupCounts plus(LookupCounts other) {
        return new LookupCounts(hits + other.hits, misses + other.misses, savedNanos + other.savedNanos);
    }
}
