package dev.llmcache.lookup;

import java.time.Duration;

/**
 * What a lookup asks of the miss leases: a lease of this length on a miss (null: none), and how long
 * to wait on another client's lease (null or zero: not at all).
 */
public record LeaseAsk(Duration lease, Duration waitFor) {

    public static final LeaseAsk NONE = new LeaseAsk(null, null);

    public boolean asksLease() {
        return lease != null;
    }

    public boolean waits() {
        return waitFor != null && !waitFor.isZero();
    }
}
