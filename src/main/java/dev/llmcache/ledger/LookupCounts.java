package dev.llmcache.ledger;

/** Hits, misses and the dollars (in nano-dollars) the hits saved, added up over some lookups. */
public record LookupCounts(long hits, long misses, long savedNanos) {

    public static final LookupCounts ZERO = new LookupCounts(0, 0, 0);

    /** Both added up: savings stop at {@link Savings#MAX_NANOS} (see there), a count that would overflow throws. */
    public LookupCounts plus(LookupCounts other) {
        return new LookupCounts(Math.addExact(hits, other.hits), Math.addExact(misses, other.misses),
                Savings.add(savedNanos, other.savedNanos));
    }
}
