package dev.llmcache.lease;

import dev.llmcache.entry.EntriesImported;
import dev.llmcache.entry.EntryStored;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Grants, releases and ends miss leases, and wakes the lookups waiting on them. A store of a key
 * ends its lease in the store's own transaction, so a result and the end of its lease commit
 * together; the waiters of this server are woken once it has committed, those of other replicas
 * by their next poll of the lease table.
 */
@Service
public class LeaseService {

    /** A grant that loses to a store or release between its two statements tries again, this often. */
    private static final int GRANT_ATTEMPTS = 3;

    private final LeaseRepository repository;
    private final LeaseWaiters waiters;
    private final List<LeaseObserver> observers;
    private final Clock clock;

    LeaseService(LeaseRepository repository, LeaseWaiters waiters, List<LeaseObserver> observers, Clock clock) {
        this.repository = repository;
        this.waiters = waiters;
        this.observers = observers;
        this.clock = clock;
    }

    /** Grants a lease on the key for {@code duration} unless another live lease holds it. */
    public LeaseGrant grant(String namespace, String cacheKey, Duration duration) {
        for (int attempt = 1; ; attempt++) {
            // the table keeps milliseconds: the expiry announced must be the one stored
            Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            Optional<LeaseRepository.Granted> granted = repository.grant(namespace, cacheKey,
                    UUID.randomUUID().toString(), now, now.plus(duration));
            if (granted.isPresent()) {
                if (granted.get().tookOverExpired()) {
                    observe(namespace, "expired");
                }
                observe(namespace, "granted");
                return LeaseGrant.granted(granted.get().lease());
            }
            Optional<Lease> held = repository.live(namespace, cacheKey, now);
            if (held.isPresent() || attempt == GRANT_ATTEMPTS) {
                // after repeated races the key is busy: report it held for a moment rather than loop
                return LeaseGrant.held(held.orElse(new Lease("", namespace, cacheKey, now.plusSeconds(1))));
            }
        }
    }

    /** The live lease on a key, if another client holds one. */
    public Optional<Lease> live(String namespace, String cacheKey) {
        return repository.live(namespace, cacheKey, clock.instant());
    }

    /** Releases a live lease (its holder gave up) and wakes its waiters; false when unknown or ended. */
    public boolean release(String namespace, String id) {
        Optional<String> key = repository.release(namespace, id, clock.instant());
        key.ifPresent(cacheKey -> {
            observe(namespace, "released");
            waiters.wake(namespace, cacheKey);
        });
        return key.isPresent();
    }

    /** Any store of a key ends its lease, in the store's transaction; waiters wake once it commits. */
    @EventListener
    void stored(EntryStored write) {
        if (write.imported()) {
            return; // an import ends its keys' leases a batch at a time (imported, below)
        }
        LeaseRepository.Ended ended = repository.end(write.namespace(), write.cacheKey(), clock.instant());
        afterCommit(() -> {
            observeEnd(write.namespace(), ended);
            waiters.wake(write.namespace(), write.cacheKey());
        });
    }

    /** A batch of imported results ends the leases on their keys as stores would, with one statement. */
    @EventListener
    void imported(EntriesImported batch) {
        Map<String, LeaseRepository.Ended> ended = repository.endAll(batch.namespace(), batch.keys(), clock.instant());
        if (!ended.isEmpty()) {
            afterCommit(() -> ended.forEach((cacheKey, how) -> {
                observeEnd(batch.namespace(), how);
                waiters.wake(batch.namespace(), cacheKey);
            }));
        }
    }

    /** A lease ended by a store counts as stored when it was live, as expired when its time had run out unswept. */
    private void observeEnd(String namespace, LeaseRepository.Ended ended) {
        switch (ended) {
            case LIVE -> observe(namespace, "stored");
            case EXPIRED -> observe(namespace, "expired");
            case NONE -> { }
        }
    }

    private static void afterCommit(Runnable afterCommit) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    afterCommit.run();
                }
            });
        } else {
            afterCommit.run();
        }
    }

    private void observe(String namespace, String outcome) {
        for (LeaseObserver observer : observers) {
            observer.leaseOutcome(namespace, outcome);
        }
    }
}
