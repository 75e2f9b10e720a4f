package dev.llmcache.ledger;

import java.util.function.Function;

/**
 * The lookups this server has answered but not yet written to the ledger and the statistics
 * tables (hits are counted in memory and flushed in batches, so a hit never writes on its path).
 * Readers of the ledger add them, so that every figure is exact the moment a lookup has answered.
 */
public interface UnflushedLookups {

    /**
     * Runs a read of the ledger or the statistics with this server's unflushed lookups of a
     * namespace, such that each lookup is counted exactly once between the database and memory.
     */
    <T> T readWithPending(String namespace, Function<PendingLookups, T> read);

    /** Writes everything recorded so far, now (eviction wants current access times). */
    void flush();
}
