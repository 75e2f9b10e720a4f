package dev.llmcache.lookup;

import dev.llmcache.ledger.UnflushedLookups;
import dev.llmcache.support.ThrottledLog;

import dev.llmcache.ledger.PendingLookups;

import dev.llmcache.ledger.LedgerKey;
import dev.llmcache.ledger.LedgerRepository;
import dev.llmcache.ledger.LookupCounts;
import dev.llmcache.ledger.Savings;
import dev.llmcache.config.CacheProperties;
import dev.llmcache.entry.FlushedAccess;
import dev.llmcache.entry.HotEntries;
import dev.llmcache.entry.StoredEntry;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;

/**
 * Keeps hits, misses, savings and entries' access times in memory so that a hit never writes to
 * the database on its path, and flushes them in one transaction every
 * {@code cache.access-flush-interval} and on shutdown.
 *
 * <p>Two locks keep it exact: {@code recording} lets lookups record concurrently while a flush
 * swaps the batch out; {@code publishing} makes a statistics read see every lookup exactly once,
 * either still in memory or already committed, never both or neither. The in-memory copies of
 * served entries ({@link HotEntries}) are told of each flush, so that they hold what it wrote and
 * outlive it.
 */
@Component
public class AccessTracker implements SmartLifecycle, UnflushedLookups {

    private static final Logger log = LoggerFactory.getLogger(AccessTracker.class);
    private static final Duration WARNING_PERIOD = Duration.ofMinutes(5);

    private final AccessFlushRepository repository;
    private final HotEntries hot;
    private final LedgerRepository ledger;
    private final PlatformTransactionManager transactions;
    private final TaskScheduler scheduler;
    private final Clock clock;
    private final Duration interval;

    private final ReadWriteLock recording = new ReentrantReadWriteLock();
    private final ReadWriteLock publishing = new ReentrantReadWriteLock();
    private final Object flushing = new Object();
    private volatile PendingAccess current = new PendingAccess();
    private volatile PendingAccess inFlight = new PendingAccess();
    private volatile ScheduledFuture<?> schedule;
    /** One warning per {@link #WARNING_PERIOD} of an outage, not one per retry. */
    private final ThrottledLog failures = new ThrottledLog(log, WARNING_PERIOD);
    /** Namespaces, and namespaces in a month, whose savings reached the ceiling: each is warned of once. */
    private final Set<String> warnedAtCeiling = ConcurrentHashMap.newKeySet();

    AccessTracker(AccessFlushRepository repository, HotEntries hot, LedgerRepository ledger,
            PlatformTransactionManager transactions, TaskScheduler scheduler, Clock clock, CacheProperties properties) {
        this.repository = repository;
        this.hot = hot;
        this.ledger = ledger;
        this.transactions = transactions;
        this.scheduler = scheduler;
        this.clock = clock;
        this.interval = properties.accessFlushInterval();
    }

    /** Records a hit: the entry was served, and its cost was saved. */
    public void recordHit(StoredEntry entry) {
        var metadata = entry.metadata();
        long now = clock.millis();
        recording.readLock().lock();
        try {
            current.hit(reference(entry), now, new PendingAccess.TypeKey(metadata.namespace(), metadata.cacheType()),
                    new LedgerKey(metadata.namespace(), month(now), metadata.provider(), metadata.model(), metadata.cacheType()),
                    entry.costNanos());
        } finally {
            recording.readLock().unlock();
        }
    }

    /** Records a miss; a miss by key knows neither cache type nor model (pass empty strings). */
    public void recordMiss(String namespace, String cacheType, String model) {
        long now = clock.millis();
        recording.readLock().lock();
        try {
            current.miss(new PendingAccess.TypeKey(namespace, cacheType), new LedgerKey(namespace, month(now), "", model, cacheType));
        } finally {
            recording.readLock().unlock();
        }
    }

    /** Accesses of an entry recorded here but not yet flushed, or null; for fresher metadata. */
    PendingAccess.EntryAccess unflushed(StoredEntry entry) {
        return current.entryAccess(reference(entry));
    }

    private static PendingAccess.EntryRef reference(StoredEntry entry) {
        var metadata = entry.metadata();
        return new PendingAccess.EntryRef(entry.id(), metadata.createdAt().toEpochMilli(), metadata.namespace(), metadata.cacheKey());
    }

    /**
     * Runs a statistics read with this server's unflushed lookups of a namespace, such that each
     * lookup is counted exactly once between the database and memory.
     */
    @Override
    public <T> T readWithPending(String namespace, Function<PendingLookups, T> read) {
        publishing.readLock().lock();
        try {
            Map<String, LookupCounts> byType = new HashMap<>();
            Map<YearMonth, LookupCounts> byMonth = new HashMap<>();
            for (PendingAccess pending : new PendingAccess[] {current, inFlight}) {
                pending.typeCounts().forEach((key, counts) -> {
                    if (key.namespace().equals(namespace)) {
                        byType.merge(key.cacheType(), counts, LookupCounts::plus);
                    }
                });
                pending.ledgerCounts().forEach((key, counts) -> {
                    if (key.namespace().equals(namespace)) {
                        byMonth.merge(key.month(), counts, LookupCounts::plus);
                    }
                });
            }
            return read.apply(new PendingLookups(byType, byMonth));
        } finally {
            publishing.readLock().unlock();
        }
    }

    /** Writes everything recorded so far; on failure keeps it for the next attempt. */
    @Override
    public void flush() {
        synchronized (flushing) {
            PendingAccess batch = swap();
            if (batch.isEmpty()) {
                return;
            }
            Map<PendingAccess.EntryRef, PendingAccess.EntryAccess> accesses = batch.entryAccesses();
            long flushing = hot.accessesFlushing();
            TransactionStatus transaction = null;
            Set<PendingAccess.TypeKey> typesAtCeiling;
            Set<LedgerKey> rowsAtCeiling;
            try {
                transaction = transactions.getTransaction(new DefaultTransactionDefinition());
                repository.addEntryAccesses(accesses);
                typesAtCeiling = repository.addTypeCounts(batch.typeCounts());
                rowsAtCeiling = ledger.recordLookups(batch.ledgerCounts());
                publishing.writeLock().lock();
                try {
                    transactions.commit(transaction);
                    inFlight = new PendingAccess();
                } finally {
                    publishing.writeLock().unlock();
                }
            } catch (RuntimeException e) {
                rollbackQuietly(transaction);
                restore(batch);
                failures.warn("Could not write recorded lookups; keeping them in memory and retrying every {}: {}",
                        interval, e.getMessage());
                return;
            }
            hot.accessesFlushed(flushing, accesses.entrySet().stream()
                    .map(e -> new FlushedAccess(e.getKey().namespace(), e.getKey().cacheKey(), e.getKey().id(),
                            e.getKey().createdAt(), e.getValue().count(), e.getValue().lastAccessedAt()))
                    .toList());
            failures.recovered("Recorded lookups written again after a failure");
            warnAtCeiling(typesAtCeiling, rowsAtCeiling);
        }
    }

    /** Runs {@code work} while no flush runs: it then sees every flush of this server either committed and told, or not begun. */
    void betweenFlushes(Runnable work) {
        synchronized (flushing) {
            work.run();
        }
    }

    /**
     * One WARN line per namespace whose savings a flush left at the ceiling for the first time (in this
     * process): in its statistics, or in its budget of a month; never again for the same sum.
     */
    private void warnAtCeiling(Set<PendingAccess.TypeKey> types, Set<LedgerKey> rows) {
        Map<String, Set<String>> sums = new TreeMap<>();
        types.forEach(type -> {
            if (warnedAtCeiling.add("statistics of " + type.namespace())) {
                sums.computeIfAbsent(type.namespace(), k -> new TreeSet<>()).add("the statistics' savings");
            }
        });
        rows.forEach(row -> {
            if (warnedAtCeiling.add("budget of " + row.namespace() + " in " + row.month())) {
                sums.computeIfAbsent(row.namespace(), k -> new TreeSet<>()).add("the budget's savings of " + row.month());
            }
        });
        sums.forEach((namespace, which) -> log.warn("The savings of namespace {} reached ${}, the most they count: {} "
                + "stay there and now mean at least that much (hits are still counted)", namespace,
                BigDecimal.valueOf(Savings.MAX_NANOS, 9).toPlainString(), String.join(" and ", which)));
    }

    private void rollbackQuietly(TransactionStatus transaction) {
        if (transaction != null && !transaction.isCompleted()) {
            try {
                transactions.rollback(transaction);
            } catch (RuntimeException ignored) {
                // the connection is gone anyway; what matters is that the batch is kept
            }
        }
    }

    private PendingAccess swap() {
        publishing.writeLock().lock();
        recording.writeLock().lock();
        try {
            PendingAccess batch = current;
            current = new PendingAccess();
            inFlight = batch;
            return batch;
        } finally {
            recording.writeLock().unlock();
            publishing.writeLock().unlock();
        }
    }

    private void restore(PendingAccess batch) {
        publishing.writeLock().lock();
        recording.writeLock().lock();
        try {
            current.absorb(batch);
            inFlight = new PendingAccess();
        } finally {
            recording.writeLock().unlock();
            publishing.writeLock().unlock();
        }
    }

    private YearMonth month(long epochMillis) {
        return YearMonth.from(Instant.ofEpochMilli(epochMillis).atZone(ZoneOffset.UTC));
    }

    @Override
    public void start() {
        schedule = scheduler.scheduleWithFixedDelay(this::flush, interval);
    }

    @Override
    public void stop() {
        ScheduledFuture<?> running = schedule;
        schedule = null;
        if (running != null) {
            running.cancel(false);
        }
        flush();
    }

    @Override
    public boolean isRunning() {
        return schedule != null;
    }

    /** Stops after the web server has stopped taking requests, before the database closes. */
    @Override
    public int getPhase() {
        return 0;
    }
}
