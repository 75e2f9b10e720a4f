package dev.llmcache.lease;

/** Told of every lease's outcome and every wait's end: the metrics implement it. */
public interface LeaseObserver {

    /** A lease was granted, ended by a store, released, or found expired; outcome is one of those words. */
    void leaseOutcome(String namespace, String outcome);

    /** A wait on a lease ended: hit, took_over or timed_out. */
    void waitOutcome(String namespace, String outcome);
}
