package dev.llmcache.lookup;

import dev.llmcache.budget.BudgetLevel;
import dev.llmcache.lease.Lease;
import java.time.Instant;

/** How a lookup was answered: a hit, or a miss with what it learned of the key's lease. */
public sealed interface LookupAnswer {

    /** A hit (counted as one). */
    record Hit(ServedEntry entry) implements LookupAnswer {
    }

    /**
     * A miss (counted as one): with the lease granted to this client, or the expiry of the lease
     * another client holds, or neither; and the namespace's budget level.
     */
    record Miss(Lease granted, Instant leaseHeldUntil, BudgetLevel budget) implements LookupAnswer {
    }

    /** Where an answer goes: at once, or later from a woken waiter. */
    interface Sink {

        void answer(LookupAnswer answer);

        /** The lookup failed (402, 503, a database error): answered as that problem. */
        void fail(RuntimeException failure);
    }
}
