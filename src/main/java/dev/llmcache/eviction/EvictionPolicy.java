package dev.llmcache.eviction;

/** The order in which eviction removes entries; ties go by row id, the older row first. */
public enum EvictionPolicy {

    /** Least recently used first: the oldest last access. */
    LRU("last_accessed_at", false),

    /** Oldest first: the earliest creation (or replacement). */
    OLDEST("created_at", false),

    /** Largest first: the most stored (compressed) bytes. */
    LARGEST("stored_bytes", true),

    /**
     * GreedyDual-Size-Frequency: the lowest {@code L + (accessCount + 1) × cost / storedBytes}
     * first, so what is expensive to recompute, often used and small stays longest.
     */
    COST_AWARE("eviction_priority", false);

    private final String column;
    private final boolean descending;

    EvictionPolicy(String column, boolean descending) {
        this.column = column;
        this.descending = descending;
    }

    /** The entries column this policy sorts on. */
    String column() {
        return column;
    }

    /** Whether the highest values go first. */
    boolean descending() {
        return descending;
    }

    /** The policy's total order as an ORDER BY list over {@code column} and {@code id}. */
    String orderBy(String sortColumn) {
        return sortColumn + (descending ? " DESC" : "") + ", id";
    }
}
