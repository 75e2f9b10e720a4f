package dev.llmcache.entry;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.llmcache.storage.ChangeFeedStatus;
import dev.llmcache.storage.DatabaseVendor;
import dev.llmcache.storage.EntriesChanged;
import dev.llmcache.storage.EntriesChangedElsewhere;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.util.unit.DataSize;

/**
 * In-memory copies of the entries served most recently, so that a hit on one reads no database: the
 * one query of a hit was most of what a hit cost beyond the platform (docs/performance.md, change 35
 * for SQLite, change 39 for PostgreSQL).
 *
 * <p><b>Design.</b> A copy is the {@link StoredEntry} a lookup read, single or in a batch (metadata,
 * ETag, compressed result), kept under its namespace and cache key; hits by a legacy key are not kept.
 * Once the lookup has decoded the result and checked it against its size and ETag, the copy keeps
 * that JSON in place of the frame ({@link #checked}), so a hit on it serves the bytes checked when
 * they were read from disk without decompressing or hashing them again. The copies are
 * bounded by an estimate of their memory ({@code cache.hot-entries.max-size}: each weighs its result as
 * decoded and 1 KiB for its metadata; Caffeine's frequency and
 * recency policy choosing what stays) and each lives at most {@code cache.hot-entries.lifetime}.
 * A copy must never outlive the row it copies:
 * <ul>
 *   <li>every write that changes or deletes stored entries publishes {@link EntriesChanged} in its transaction, and this
 *       class hears it once the transaction is over, before the writer's caller is answered: a change
 *       of one entry removes its copy, any other change (a clear by filter, an eviction, a
 *       re-compression) all of them;</li>
 *   <li>a lookup takes a {@link Stamp} before it reads the database and offers what it read with it;
 *       the offer is refused if any change was heard meanwhile, since the row read may be older than
 *       that change. The check and the installation are one atomic step for the key, and a removal
 *       of the key takes the same lock, so a copy is either installed before a removal (and removed)
 *       or refused after it. A change of every entry also starts a new generation, and a copy of an
 *       older generation is never answered: the removal of all copies is not atomic, the generation is;</li>
 *   <li>on PostgreSQL, where other replicas write the same tables, each of their changes is heard
 *       ({@link EntriesChangedElsewhere}, through {@code storage.PostgresChangeListener}) and forgets as a
 *       change made here does, a few milliseconds after it committed; copies are kept only while that
 *       listener hears ({@link ChangeFeedStatus}), and each time it starts or stops a new generation
 *       begins, so no copy read before a gap in what it heard is answered after it;</li>
 *   <li>a flush of this server's access counts, the one write that changes every row served, is
 *       not a change that forgets: {@link #accessesFlushed} adds what it wrote to the copies read before
 *       it, ordered against it by their stamps as an offer is, so that the copies outlive it (forgetting
 *       them at every flush had each replica read its served entries again once per interval: docs/performance.md,
 *       change 42); nor is another replica's (PostgreSQL): this server then reads the counts of the entries it copied,
 *       in one query per thousand, and {@link #countsRead} gives them to the copies read before it heard
 *       ({@code lookup.CopiedCounts}, change 43);</li>
 *   <li>a copy lives no longer than {@code cache.hot-entries.lifetime}, which bounds what another process
 *       writing the same database without telling can leave stale (the offline {@code migrate} beside the
 *       server on SQLite adopting legacy keys or re-compressing frames, both of which leave the result
 *       as it was; a change made by hand in the database).</li>
 * </ul>
 */
@Component
public class HotEntries {

    /** What a copy costs beyond its compressed result, estimated: its metadata's strings and objects. */
    private static final int METADATA_BYTES = 1024;

    /** When a lookup began to read, to tell whether the database changed while it read. */
    public record Stamp(long changes, long generation) {
    }

    private record Key(String namespace, String cacheKey) {
    }

    /**
     * A copy: the entry as a lookup read it, replaced once (compare-and-set) by the same entry holding
     * its checked result. Weighed from the start as its result decoded (or its frame, if larger), so that
     * checking it writes nothing to the cache: where most hits read the database (a million entries), a
     * second write to the cache for each cost them (docs/performance.md, change 37).
     */
    private static final class Copy {
        private final AtomicReference<StoredEntry> entry;
        private final long generation;
        /** The count of changes heard when the lookup began to read: orders the read against flushes of access counts. */
        private final long readAt;
        private final int weight;

        Copy(StoredEntry read, Stamp stamp) {
            this.entry = new AtomicReference<>(read);
            this.generation = stamp.generation();
            this.readAt = stamp.changes();
            this.weight = (int) Math.min(Integer.MAX_VALUE - METADATA_BYTES,
                    Math.max(read.metadata().resultBytes(), read.frame().length)) + METADATA_BYTES;
        }
    }

    /** Null when off (a maximum size of 0). */
    private final Cache<Key, Copy> copies;
    private final AtomicLong changes = new AtomicLong();
    private final AtomicLong generation = new AtomicLong();
    /** Whether every change of the database is heard: always on SQLite, while the listener hears on PostgreSQL. */
    private volatile boolean hearing;

    @Autowired
    HotEntries(HotEntriesProperties properties, DatabaseVendor vendor, Clock clock) {
        this(properties.maxSize(), properties.lifetime(), vendor, clock);
    }

    /** Copies of at most {@code maxSize}, each living at most {@code lifetime}. */
    public HotEntries(DataSize maxSize, Duration lifetime, DatabaseVendor vendor, Clock clock) {
        this.hearing = vendor == DatabaseVendor.SQLITE;
        this.copies = maxSize.toBytes() == 0 ? null : Caffeine.newBuilder()
                .maximumWeight(maxSize.toBytes())
                .weigher((Key key, Copy copy) -> copy.weight)
                .expireAfterWrite(lifetime)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .executor(Runnable::run) // upkeep on the calling thread, a few map operations: no pool of its own
                .build();
    }

    /** The copy of the entry under a cache key, or null (none, off, or a legacy key). */
    public StoredEntry find(String namespace, EntryKey key) {
        if (copies == null || !hearing || key.isLegacyOnly()) {
            return null;
        }
        Copy copy = copies.getIfPresent(new Key(namespace, key.value()));
        return copy == null || copy.generation != generation.get() ? null : copy.entry.get();
    }

    /** Taken before a lookup reads the database, for {@link #offer}. */
    public Stamp stamp() {
        return new Stamp(changes.get(), generation.get());
    }

    /**
     * Keeps a copy of what a lookup by {@code key} read, unless the database changed since the lookup's
     * {@code stamp}, or the entry was found by its legacy key.
     */
    public void offer(String namespace, EntryKey key, StoredEntry entry, Stamp stamp) {
        if (copies == null || !hearing || !key.value().equals(entry.metadata().cacheKey())) {
            return;
        }
        Copy copy = new Copy(entry, stamp);
        copies.asMap().compute(new Key(namespace, key.value()), (k, held) -> changes.get() == stamp.changes() ? copy : held);
    }

    /**
     * Keeps in the copy made from {@code read} the result as a lookup decoded and checked it against its
     * size and ETag, in place of its frame: later hits on the copy neither decompress nor hash it again.
     * Nothing when that copy has since been forgotten or replaced by another read.
     */
    public void checked(StoredEntry read, byte[] result) {
        if (copies == null || read.checkedResult() != null) {
            return;
        }
        EntryMetadata metadata = read.metadata();
        Copy copy = copies.policy().getIfPresentQuietly(new Key(metadata.namespace(), metadata.cacheKey()));
        if (copy != null && copy.entry.get() == read) {
            copy.entry.compareAndSet(read, read.checked(result));
        }
    }

    /**
     * Called before a flush of this server's access counts commits, or before the counts that another replica's flush
     * committed are read (PostgreSQL): from here on a lookup's read may hold those counts, and an offer read before is
     * refused. Answers what to pass to {@link #accessesFlushed}, or to {@link #copiedBefore} and {@link #countsRead}.
     */
    public long accessesFlushing() {
        return changes.incrementAndGet();
    }

    /**
     * Adds the access counts and times that a flush committed to the copies read before it began ({@code flushing},
     * from {@link #accessesFlushing}), which do not hold them, and forgets the copies of those entries read while it
     * committed, which may or may not; copies read since hold them. The copies so outlive a flush of this server's own
     * accesses, and a served copy's {@code accessCount} stays its row's plus the accesses not yet flushed.
     */
    public void accessesFlushed(long flushing, Collection<FlushedAccess> flushed) {
        if (copies == null) {
            return;
        }
        long committed = changes.incrementAndGet(); // offers read before this are refused from now on
        for (FlushedAccess access : flushed) {
            Key key = new Key(access.namespace(), access.cacheKey());
            Copy copy = copyReadBefore(key, committed);
            if (copy == null) {
                continue;
            }
            if (copy.readAt >= flushing) {
                copies.asMap().remove(key, copy);
            } else {
                copy.entry.updateAndGet(entry -> entry.isRow(access.id(), access.createdAt()) ? entry.withAccesses(access.count(),
                        Instant.ofEpochMilli(access.lastAccessedAt())) : entry);
            }
        }
    }

    /** The entries of the copies read before {@code reading} (from {@link #accessesFlushing}): whose counts to read. */
    public List<RowAccesses> copiedBefore(long reading) {
        long current = generation.get();
        return copies == null ? List.of() : copies.asMap().values().stream()
                .filter(copy -> copy.readAt < reading && copy.generation == current)
                .map(copy -> RowAccesses.of(copy.entry.get())).toList();
    }

    /**
     * Gives the copies read before {@code reading} the access counts and times their rows hold now ({@code rows}, read
     * after {@link #accessesFlushing}, while no flush of this server's counts ran): they then hold every replica's flushed
     * accesses, as a copy read now would. Copies read since are left as they are, and so is a copy whose entry was
     * replaced since (id and creation time compared); one whose row holds fewer accesses than it is forgotten.
     */
    public void countsRead(long reading, Collection<RowAccesses> rows) {
        if (copies == null) {
            return;
        }
        for (RowAccesses row : rows) {
            Key key = new Key(row.namespace(), row.cacheKey());
            Copy copy = copyReadBefore(key, reading);
            if (copy == null) {
                continue;
            }
            StoredEntry before = copy.entry.get();
            if (before.isRow(row.id(), row.createdAt()) && row.accessCount() < before.metadata().accessCount()) {
                copies.asMap().remove(key, copy); // cannot be, as flushes only add: nothing to trust in the copy
            } else {
                copy.entry.updateAndGet(row::appliedTo);
            }
        }
    }

    /**
     * The copy under {@code key} if it was read before the count of changes {@code bound}, else null; read quietly, as
     * its counts are then changed in place: a write to the cache would restart the copy's lifetime.
     */
    private Copy copyReadBefore(Key key, long bound) {
        Copy copy = copies.policy().getIfPresentQuietly(key);
        return copy == null || copy.readAt >= bound ? null : copy;
    }

    /** Forgets what a committed (or rolled back) write may have changed; at once for a write outside a transaction. */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMPLETION, fallbackExecution = true)
    void changed(EntriesChanged change) {
        forget(change.namespace(), change.cacheKey());
    }

    /** Forgets what another replica changed (PostgreSQL), as a change made here. */
    @EventListener
    void changedElsewhere(EntriesChangedElsewhere change) {
        forget(change.namespace(), change.cacheKey());
    }

    /**
     * Keeps copies only while every change is heard: a listener that stops hearing may have missed changes, one that
     * starts again hears only what follows, so either way every copy held is forgotten and a new generation begins.
     */
    @EventListener
    void feed(ChangeFeedStatus status) {
        if (!status.listening()) {
            hearing = false;
        }
        forget(null, null);
        if (status.listening()) {
            hearing = true;
        }
    }

    /** Forgets every copy, as a change of any entry does. */
    public void forgetAll() {
        forget(null, null);
    }

    private void forget(String namespace, String cacheKey) {
        if (copies == null) {
            return;
        }
        changes.incrementAndGet();
        if (cacheKey == null) {
            generation.incrementAndGet();
            copies.invalidateAll();
        } else {
            copies.invalidate(new Key(namespace, cacheKey));
        }
    }
}
