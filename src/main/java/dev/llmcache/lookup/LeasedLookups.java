package dev.llmcache.lookup;

import dev.llmcache.budget.BudgetLevel;
import dev.llmcache.budget.BudgetService;
import dev.llmcache.entry.EntryKey;
import dev.llmcache.entry.KeyRead;
import dev.llmcache.entry.StoredEntry;
import dev.llmcache.lease.Lease;
import dev.llmcache.lease.LeaseGrant;
import dev.llmcache.lease.LeaseObserver;
import dev.llmcache.lease.LeaseService;
import dev.llmcache.lease.LeaseWaiters;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Lookups by key with miss leases (API.md, "Miss leases"): a hit is served; a miss reports the
 * budget level, may be granted a lease, or waits, parked and holding no thread, on the lease another
 * client holds, until the result is stored (a hit), the lease ends (a takeover when a lease was
 * asked for) or the wait runs out. Each lookup counts once, as a hit or a miss, when it is answered.
 */
@Service
public class LeasedLookups {

    private final LookupService lookups;
    private final LeaseService leases;
    private final LeaseWaiters waiters;
    private final BudgetService budgets;
    private final List<LeaseObserver> observers;
    private final Clock clock;

    LeasedLookups(LookupService lookups, LeaseService leases, LeaseWaiters waiters, BudgetService budgets,
            List<LeaseObserver> observers, Clock clock) {
        this.lookups = lookups;
        this.leases = leases;
        this.waiters = waiters;
        this.budgets = budgets;
        this.observers = observers;
        this.clock = clock;
    }

    /** A lookup in progress; {@link #cancel()} forgets it when its request ends otherwise. */
    public final class Pending {

        private final String namespace;
        private final EntryKey key;
        private final String cacheType;
        private final String model;
        private final LeaseAsk ask;
        private final LookupAnswer.Sink sink;
        private final Instant deadline;
        private volatile LeaseWaiters.Parked parked;

        private Pending(String namespace, EntryKey key, String cacheType, String model, LeaseAsk ask, LookupAnswer.Sink sink) {
            this.namespace = namespace;
            this.key = key;
            this.cacheType = cacheType;
            this.model = model;
            this.ask = ask;
            this.sink = sink;
            this.deadline = ask.waits() ? clock.instant().plus(ask.waitFor()) : clock.instant();
        }

        /**
         * The request's own time ran out (a safety net behind the poll's deadline): answers as a wait
         * that ran out, unless the lookup was answered or is being answered already.
         */
        public void requestTimedOut() {
            LeaseWaiters.Parked waiting = parked;
            if (waiting != null && waiters.cancel(waiting)) {
                timedOut(this, waiting.heldUntil());
            }
        }

        /** The request ended (answered, or the client went away): a parked wait is forgotten. */
        public void cancel() {
            LeaseWaiters.Parked waiting = parked;
            if (waiting != null) {
                waiters.cancel(waiting);
            }
        }
    }

    /**
     * Looks a key up and answers through the sink: at once, or later when a wait ends.
     *
     * @param cacheType the lookup's cache type ("" when looked up by key)
     * @param model the lookup's model ("" when looked up by key)
     */
    public Pending find(String namespace, EntryKey key, String cacheType, String model, LeaseAsk ask, LookupAnswer.Sink sink) {
        Pending lookup = new Pending(namespace, key, cacheType, model, ask, sink);
        attempt(lookup, false);
        return lookup;
    }

    /** The leases of a batch's misses, by key, and the namespace's budget level. */
    public record BatchLeases(Map<String, LeaseGrant> grants, BudgetLevel budget) {
    }

    /**
     * For a batch's misses (already counted): the budget level, and with a lease asked for, a lease
     * on each key no one holds. A batch never waits.
     *
     * @throws dev.llmcache.budget.BudgetExceededException when enforced and exceeded: no lease at all
     */
    public BatchLeases leaseMisses(String namespace, List<String> missedKeys, LeaseAsk ask) {
        BudgetLevel level = budgets.levelForMiss(namespace, ask.asksLease());
        Map<String, LeaseGrant> grants = new HashMap<>();
        if (ask.asksLease()) {
            for (String key : missedKeys) {
                grants.computeIfAbsent(key, k -> leases.grant(namespace, k, ask.lease()));
            }
        }
        return new BatchLeases(grants, level);
    }

    /**
     * When the lease another client holds on a key ends, if one does: what a lookup without
     * {@code lease=} or {@code wait=} would report with its miss, read without counting it (HEAD).
     */
    public Optional<Instant> leaseHeldUntil(String namespace, EntryKey key) {
        return leases.live(namespace, key.value()).map(Lease::expiresAt);
    }

    private void attempt(Pending lookup, boolean woken) {
        try {
            answer(lookup, woken);
        } catch (RuntimeException e) {
            lookup.sink.fail(e);
        }
    }

    private void answer(Pending lookup, boolean woken) {
        // one read for the entry and, where it can tell, the live lease a miss reports (KeyRead)
        KeyRead read = lookups.findWithLease(lookup.namespace, lookup.key, clock.instant());
        // a damaged stored result is served as nothing (and removed): the lookup goes on as a miss
        if (servedHit(lookup, read.entry(), woken)) {
            return;
        }
        BudgetLevel level;
        try {
            level = budgets.levelForMiss(lookup.namespace, lookup.ask.asksLease());
        } catch (RuntimeException refused) {
            miss(lookup);
            throw refused;
        }
        Lease held;
        if (lookup.ask.asksLease()) {
            LeaseGrant grant = leases.grant(lookup.namespace, lookup.key.value(), lookup.ask.lease());
            if (grant.isGranted()) {
                // a store may have committed between the lookup above and the grant (and ended the
                // lease it was made under): a lease on a key that is stored would make its holder pay twice
                if (servedHit(lookup, woken)) {
                    leases.release(lookup.namespace, grant.granted().id());
                    return;
                }
                miss(lookup);
                if (woken) {
                    observeWait(lookup.namespace, "took_over");
                }
                lookup.sink.answer(new LookupAnswer.Miss(grant.granted(), null, level));
                return;
            }
            held = grant.heldByOther();
        } else {
            held = read.leaseRead()
                    ? read.lease().map(live -> new Lease(live.id(), lookup.namespace, lookup.key.value(), live.expiresAt())).orElse(null)
                    : leases.live(lookup.namespace, lookup.key.value()).orElse(null);
            if (held == null) {
                // read apart from the entry: a store may have committed between the two reads, ending the lease it
                // was made under, and its entry is there now (the client would otherwise pay for a result it can have)
                if (!read.leaseRead() && servedHit(lookup, woken)) {
                    return;
                }
                miss(lookup);
                lookup.sink.answer(new LookupAnswer.Miss(null, null, level));
                return;
            }
        }
        if (lookup.ask.waits() && lookup.deadline.isAfter(clock.instant())) {
            Optional<LeaseWaiters.Parked> parked = waiters.park(lookup.namespace, held, lookup.deadline, new LeaseWaiters.Waiter() {
                @Override
                public void leaseEnded() {
                    attempt(lookup, true);
                }

                @Override
                public void timedOut(Instant heldUntil) {
                    LeasedLookups.this.timedOut(lookup, heldUntil);
                }
            });
            if (parked.isPresent()) {
                lookup.parked = parked.get();
                return;
            }
        }
        miss(lookup);
        if (woken || lookup.ask.waits()) {
            observeWait(lookup.namespace, "timed_out");
        }
        lookup.sink.answer(new LookupAnswer.Miss(null, held.expiresAt(), level));
    }

    /** Serves the key's stored result if there is one (a damaged one is removed and served as nothing). */
    private boolean servedHit(Pending lookup, boolean woken) {
        return servedHit(lookup, lookups.find(lookup.namespace, lookup.key), woken);
    }

    private boolean servedHit(Pending lookup, Optional<StoredEntry> entry, boolean woken) {
        Optional<ServedEntry> served = entry.flatMap(lookups::serveHit);
        if (served.isEmpty()) {
            return false;
        }
        if (woken) {
            observeWait(lookup.namespace, "hit");
        }
        lookup.sink.answer(new LookupAnswer.Hit(served.get()));
        return true;
    }

    private void timedOut(Pending lookup, Instant heldUntil) {
        try {
            miss(lookup);
            observeWait(lookup.namespace, "timed_out");
            // as the same request would be answered now: 402 when it asks for a lease in a namespace past its budget
            BudgetLevel level = budgets.levelForMiss(lookup.namespace, lookup.ask.asksLease());
            lookup.sink.answer(new LookupAnswer.Miss(null, heldUntil, level));
        } catch (RuntimeException e) {
            lookup.sink.fail(e);
        }
    }

    private void miss(Pending lookup) {
        lookups.countMiss(lookup.namespace, lookup.cacheType, lookup.model);
    }

    private void observeWait(String namespace, String outcome) {
        for (LeaseObserver observer : observers) {
            observer.waitOutcome(namespace, outcome);
        }
    }
}
