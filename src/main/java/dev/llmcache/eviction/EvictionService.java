package dev.llmcache.eviction;

import dev.llmcache.eviction.EvictionRepository.Totals;
import dev.llmcache.ledger.UnflushedLookups;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Eviction's entry point, on request or on schedule: one run at a time (see {@link EvictionLock}),
 * with this server's unflushed accesses written first so that last-access times and hit counts are
 * current. Where a run's result is known, it is counted in the metrics and logged in one line.
 */
@Service
public class EvictionService {

    private static final Logger log = LoggerFactory.getLogger(EvictionService.class);

    /** What started a run, for the log. */
    enum Trigger { API, SCHEDULE }

    private final Evictor evictor;
    private final EvictionRepository repository;
    private final EvictionLock lock;
    private final EvictionMetrics metrics;
    private final UnflushedLookups accesses;
    private final EvictionProperties properties;
    private final Clock clock;

    EvictionService(Evictor evictor, EvictionRepository repository, EvictionLock lock, EvictionMetrics metrics,
            UnflushedLookups accesses, EvictionProperties properties, Clock clock) {
        this.evictor = evictor;
        this.repository = repository;
        this.lock = lock;
        this.metrics = metrics;
        this.accesses = accesses;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Evicts (or, dry, reports what would go) until the limits hold, across all namespaces, with
     * the given policy or the configured one. Empty when another run kept the lock for longer
     * than {@code cache.eviction.lock-wait}.
     */
    public Optional<EvictionResult> evict(EvictionPolicy policy, EvictionLimits limits, boolean dryRun) {
        return run(policy != null ? policy : properties.policy(), limits, dryRun, Trigger.API, properties.lockWait());
    }

    EvictionPolicy scheduledPolicy() {
        return properties.policy();
    }

    /** The scheduled run; skipped (empty) while another run, here or on another replica, is going on. */
    Optional<EvictionResult> evictOnSchedule(EvictionLimits limits) {
        return run(properties.policy(), limits, false, Trigger.SCHEDULE, Duration.ZERO);
    }

    private Optional<EvictionResult> run(EvictionPolicy policy, EvictionLimits limits, boolean dryRun, Trigger trigger,
            Duration wait) {
        if (limits.isEmpty()) {
            throw new IllegalArgumentException("an eviction needs at least one limit");
        }
        try {
            return lock.run(wait, () -> locked(policy, limits, dryRun, trigger));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private EvictionResult locked(EvictionPolicy policy, EvictionLimits limits, boolean dryRun, Trigger trigger) {
        long started = System.nanoTime();
        accesses.flush();
        long idleBefore = limits.idleBefore(clock.instant());
        EvictionProgress progress = new EvictionProgress();
        if (dryRun) {
            Totals before = evictor.dryRun(policy, limits, idleBefore, progress);
            return result(policy, true, progress, new Totals(before.entries() - progress.evicted(),
                    before.bytes() - progress.freedBytes()), started);
        }
        try {
            evictor.evict(policy, limits, idleBefore, progress);
        } catch (RuntimeException e) {
            metrics.removed(policy, progress.evicted(), progress.freedBytes());
            log.warn("Eviction by {} ({}; {}) failed after removing {} entries ({} bytes): {}", policy,
                    trigger.name().toLowerCase(), limits.describe(), progress.evicted(), progress.freedBytes(), e.getMessage());
            throw e;
        }
        metrics.removed(policy, progress.evicted(), progress.freedBytes());
        long deleted = System.nanoTime();
        if (progress.evicted() > 0) {
            reclaimSpace();
        }
        EvictionResult result = result(policy, false, progress, repository.totals(false), started);
        if (result.evicted() > 0) {
            log.info("Eviction by {} ({}; {}): evicted {} entries ({} idle, {} over the limits), freed {} bytes; "
                            + "{} entries and {} bytes remain; took {} ms ({} ms giving space back)", policy,
                    trigger.name().toLowerCase(), limits.describe(), result.evicted(), result.idleEvicted(),
                    result.evicted() - result.idleEvicted(), result.freedBytes(), result.remainingEntries(),
                    result.remainingBytes(), result.took().toMillis(), Duration.ofNanos(System.nanoTime() - deleted).toMillis());
        } else {
            log.debug("Eviction by {} ({}; {}): nothing to remove", policy, trigger.name().toLowerCase(), limits.describe());
        }
        return result;
    }

    private void reclaimSpace() {
        try {
            evictor.reclaimFreePages();
        } catch (RuntimeException e) {
            // The entries are gone either way; the pages stay free for new rows and the next run retries.
            log.warn("Could not give free database pages back to the file system: {}", e.getMessage());
        }
    }

    private static EvictionResult result(EvictionPolicy policy, boolean dryRun, EvictionProgress progress, Totals remaining,
            long started) {
        return new EvictionResult(policy, dryRun, progress.evicted(), progress.freedBytes(), remaining.entries(),
                remaining.bytes(), progress.idleEvicted(), Duration.ofNanos(System.nanoTime() - started));
    }
}
