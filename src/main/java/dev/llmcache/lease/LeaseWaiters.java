package dev.llmcache.lease;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * The lookups of this server that wait on a lease, parked in memory (no thread each): woken at once
 * when the lease ends here (a store or a release on this server), and by a poll of the lease table
 * every {@code cache.leases.poll-interval} for leases that ended on another replica or expired, and
 * for waits that ran out. On shutdown every waiter is answered before the web server stops.
 */
@Component
public class LeaseWaiters implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LeaseWaiters.class);
    /** Keys per poll query: well under SQLite's limit of bound parameters. */
    private static final int POLL_CHUNK = 500;

    /** What a parked lookup does when woken. Each method is called at most once, and only one of them. */
    public interface Waiter {

        /** The lease it waited on may have ended (stored, released, expired, taken over): look again. */
        void leaseEnded();

        /** The wait ran out (or the server is stopping) while the lease was held until {@code heldUntil}. */
        void timedOut(Instant heldUntil);
    }

    /** One parked lookup: answered exactly once, by whoever claims it first. */
    public static final class Parked {

        private final WaitKey key;
        private final String leaseId;
        private final Instant heldUntil;
        private final Instant deadline;
        private final Waiter waiter;
        private final AtomicBoolean claimed = new AtomicBoolean();

        Parked(WaitKey key, Lease lease, Instant deadline, Waiter waiter) {
            this.key = key;
            this.leaseId = lease.id();
            this.heldUntil = lease.expiresAt();
            this.deadline = deadline;
            this.waiter = waiter;
        }

        public Instant heldUntil() {
            return heldUntil;
        }
    }

    record WaitKey(String namespace, String cacheKey) {
    }

    private final Map<WaitKey, Set<Parked>> parked = new ConcurrentHashMap<>();
    private final AtomicInteger waiting = new AtomicInteger();
    private final LeaseRepository repository;
    private final LeaseProperties properties;
    private final TaskScheduler scheduler;
    private final Executor wakeups;
    private final Clock clock;
    private volatile boolean stopping;
    private final List<LeaseObserver> observers;
    private volatile List<ScheduledFuture<?>> schedules;

    LeaseWaiters(LeaseRepository repository, LeaseProperties properties, TaskScheduler scheduler,
            @Qualifier(LeaseConfiguration.WAKEUPS) Executor wakeups, Clock clock, List<LeaseObserver> observers) {
        this.repository = repository;
        this.observers = observers;
        this.properties = properties;
        this.scheduler = scheduler;
        this.wakeups = wakeups;
        this.clock = clock;
    }

    /**
     * Parks a lookup until the lease ends or the deadline passes. Empty when the server is stopping
     * (answer at once as a wait that ran out).
     *
     * @throws TooManyWaitersException when {@code cache.leases.max-waiters} lookups wait already
     */
    public Optional<Parked> park(String namespace, Lease held, Instant deadline, Waiter waiter) {
        if (stopping) {
            return Optional.empty();
        }
        if (waiting.incrementAndGet() > properties.maxWaiters()) {
            waiting.decrementAndGet();
            throw new TooManyWaitersException(properties.maxWaiters());
        }
        WaitKey key = new WaitKey(namespace, held.cacheKey());
        Parked one = new Parked(key, held, deadline, waiter);
        parked.compute(key, (k, set) -> {
            Set<Parked> waiters = set != null ? set : ConcurrentHashMap.newKeySet();
            waiters.add(one);
            return waiters;
        });
        if (stopping) { // stop() may have swept the map before we added to it
            answerTimedOut(one);
        }
        return Optional.of(one);
    }

    /** Forgets a parked lookup that was answered otherwise (its request timed out or failed); true if it was still parked. */
    public boolean cancel(Parked one) {
        return claim(one);
    }

    /** How many lookups wait now. */
    public int waiting() {
        return waiting.get();
    }

    /** Wakes every lookup of this server waiting on the key: its lease ended here. */
    void wake(String namespace, String cacheKey) {
        Set<Parked> woken = parked.remove(new WaitKey(namespace, cacheKey));
        if (woken != null) {
            woken.forEach(this::answerLeaseEnded);
        }
    }

    /**
     * Wakes the waiters whose lease ended elsewhere or expired, then answers the waits that ran out.
     * In that order: a lease that ended since the last poll, just before a wait ran out, is taken
     * over (or reported gone), not answered as still held until a moment already past.
     */
    void poll() {
        Instant now = clock.instant();
        Map<String, List<String>> keysByNamespace = new HashMap<>();
        for (WaitKey key : parked.keySet()) {
            keysByNamespace.computeIfAbsent(key.namespace(), n -> new ArrayList<>()).add(key.cacheKey());
        }
        keysByNamespace.forEach((namespace, keys) -> {
            for (int from = 0; from < keys.size(); from += POLL_CHUNK) {
                List<String> chunk = keys.subList(from, Math.min(keys.size(), from + POLL_CHUNK));
                Map<String, Lease> rows = new HashMap<>();
                repository.find(namespace, chunk).forEach(lease -> rows.put(lease.cacheKey(), lease));
                for (String cacheKey : chunk) {
                    Set<Parked> waiters = parked.get(new WaitKey(namespace, cacheKey));
                    if (waiters == null) {
                        continue;
                    }
                    Lease row = rows.get(cacheKey);
                    for (Parked one : waiters) {
                        if (row == null || !row.id().equals(one.leaseId) || !row.expiresAt().isAfter(now)) {
                            answerLeaseEnded(one);
                        }
                    }
                }
            }
        });
        for (Set<Parked> waiters : parked.values()) {
            for (Parked one : waiters) {
                if (!one.deadline.isAfter(now)) {
                    answerTimedOut(one);
                }
            }
        }
    }

    /** Removes leases that expired without being taken over, counting each as expired. */
    void sweepExpired() {
        for (String namespace : repository.sweepExpired(clock.instant())) {
            observers.forEach(observer -> observer.leaseOutcome(namespace, "expired"));
        }
    }

    private void answerLeaseEnded(Parked one) {
        if (claim(one)) {
            wakeups.execute(one.waiter::leaseEnded);
        }
    }

    private void answerTimedOut(Parked one) {
        if (claim(one)) {
            one.waiter.timedOut(one.heldUntil);
        }
    }

    /** Takes a parked lookup out of the map; true for the one caller that gets to answer it. */
    private boolean claim(Parked one) {
        if (!one.claimed.compareAndSet(false, true)) {
            return false;
        }
        waiting.decrementAndGet();
        parked.computeIfPresent(one.key, (k, set) -> {
            set.remove(one);
            return set.isEmpty() ? null : set;
        });
        return true;
    }

    private void safely(Runnable task, String what) {
        try {
            task.run();
        } catch (RuntimeException e) {
            log.warn("Lease {} failed; trying again at the next interval: {}", what, e.toString());
        }
    }

    @Override
    public void start() {
        stopping = false;
        schedules = List.of(
                scheduler.scheduleWithFixedDelay(() -> safely(this::poll, "poll"), properties.pollInterval()),
                scheduler.scheduleWithFixedDelay(() -> safely(this::sweepExpired, "sweep"), properties.sweepInterval()));
    }

    /** Answers every waiter (as a wait that ran out) before the web server's graceful shutdown waits for requests. */
    @Override
    public void stop() {
        stopping = true;
        List<ScheduledFuture<?>> running = schedules;
        schedules = null;
        if (running != null) {
            running.forEach(future -> future.cancel(false));
        }
        int answered = 0;
        for (Set<Parked> waiters : parked.values()) {
            for (Parked one : waiters) {
                answerTimedOut(one);
                answered++;
            }
        }
        if (answered > 0) {
            log.info("Answered {} lookups waiting on leases before stopping", answered);
        }
    }

    @Override
    public boolean isRunning() {
        return schedules != null;
    }

    /** Stops first: before the web server's graceful shutdown, which would wait for these requests. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }
}
