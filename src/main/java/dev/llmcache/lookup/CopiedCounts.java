package dev.llmcache.lookup;

import dev.llmcache.entry.HotEntries;
import dev.llmcache.entry.RowAccesses;
import dev.llmcache.storage.EntriesAccessedElsewhere;
import dev.llmcache.support.ThrottledLog;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * When another replica has flushed its access counts (PostgreSQL), reads the counts of the entries this server keeps
 * copies of and gives them to the copies ({@link HotEntries#countsRead}), so that a served {@code accessCount} lags
 * by no more than the flush interval without forgetting the copies: forgotten, each replica read its served entries
 * again once per interval per other replica (docs/performance.md, change 43).
 *
 * <p>The read runs on the scheduler, never on the listener's thread (which must go on hearing changes), and between
 * two flushes of this server's own counts ({@link AccessTracker#betweenFlushes}): a flush committing while the counts
 * were read would otherwise be added to copies given counts that may already hold it. Notices heard while a read waits
 * to start are one read. A read that fails forgets every copy, which is what a notice did before.
 */
@Component
class CopiedCounts {

    private static final Logger log = LoggerFactory.getLogger(CopiedCounts.class);

    private final HotEntries hot;
    private final AccessTracker tracker;
    private final AccessFlushRepository repository;
    private final TaskScheduler scheduler;
    private final Clock clock;
    private final AtomicBoolean queued = new AtomicBoolean();
    /** One warning per five minutes of an outage, not one per notice. */
    private final ThrottledLog failures = new ThrottledLog(log, Duration.ofMinutes(5));

    CopiedCounts(HotEntries hot, AccessTracker tracker, AccessFlushRepository repository, TaskScheduler scheduler, Clock clock) {
        this.hot = hot;
        this.tracker = tracker;
        this.repository = repository;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    @EventListener
    void accessedElsewhere(EntriesAccessedElsewhere notice) {
        if (queued.compareAndSet(false, true)) {
            scheduler.schedule(this::read, clock.instant());
        }
    }

    /** Reads the copied entries' counts from their rows and gives them to the copies read before it began. */
    void read() {
        queued.set(false); // a notice heard from here on may be of a flush this read does not see: it queues another
        tracker.betweenFlushes(() -> {
            long reading = hot.accessesFlushing();
            List<RowAccesses> copied = hot.copiedBefore(reading);
            if (copied.isEmpty()) {
                return;
            }
            try {
                hot.countsRead(reading, repository.accessesOf(copied));
                failures.recovered("Access counts of copied entries read again after a failure");
            } catch (RuntimeException e) {
                failures.warn("Could not read the access counts of {} copied entries after another replica's flush; forgetting "
                        + "the copies: {}", copied.size(), e.getMessage());
                hot.forgetAll();
            }
        });
    }
}
