package dev.llmcache.entry;

/**
 * The COST_AWARE eviction priority (GreedyDual-Size-Frequency) that every write of an entry keeps
 * in {@code entries.eviction_priority}: {@code L + (accessCount + 1) × cost / storedBytes}, with L
 * the inflation value in {@code eviction_state} at the moment of the write. Eviction removes the
 * lowest first and raises L to the last priority it removed; an entry with no cost is the cheapest.
 *
 * <p>The one definition of the formula: the store, the replace and the access flush write it
 * through {@link #sql}, so the order eviction sees is always computable by an index scan.
 */
public final class CostAwarePriority {

    private CostAwarePriority() {
    }

    /**
     * The priority as a SQL expression, from SQL expressions for the entry's access count, cost in
     * nano-dollars and stored bytes (column names, named or positional parameters: each is used
     * once). Portable to SQLite and PostgreSQL: the division is done in floating point, and a size
     * of 0 counts as 1 byte.
     */
    public static String sql(String accessCount, String costNanos, String storedBytes) {
        return "((SELECT inflation FROM eviction_state WHERE id = 1) + (%s + 1) * CAST(%s AS DOUBLE PRECISION) / COALESCE(NULLIF(%s, 0), 1))"
                .formatted(accessCount, costNanos, storedBytes);
    }
}
