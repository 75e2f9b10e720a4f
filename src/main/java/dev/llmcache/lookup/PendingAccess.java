package dev.llmcache.lookup;

import dev.llmcache.ledger.LedgerKey;
import dev.llmcache.ledger.LookupCounts;
import dev.llmcache.ledger.Savings;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * Lookups recorded in memory since the last flush: per entry its new accesses and latest access
 * time, per namespace and cache type the hits, misses and savings, and the same per ledger row.
 */
final class PendingAccess {

    /** Statistics are kept per namespace and cache type (empty when a miss by key cannot tell). */
    record TypeKey(String namespace, String cacheType) {
    }

    record EntryAccess(long count, long lastAccessedAt) {
    }

    /**
     * An entry as it was read: its row id and creation time together, so accesses never land on
     * another entry that reused the row id, nor on a replacement (which starts its count again); its
     * namespace and cache key name the in-memory copy that the flushed accesses are added to.
     */
    record EntryRef(long id, long createdAt, String namespace, String cacheKey) {
    }

    private static final class Access {
        final LongAdder count = new LongAdder();
        final LongAccumulator last = new LongAccumulator(Math::max, Long.MIN_VALUE);
    }

    private static final class Counter {
        final LongAdder hits = new LongAdder();
        final LongAdder misses = new LongAdder();
        /**
         * Saturating rather than {@code Math.addExact}: a few hits of a multi-billion-dollar entry pass what
         * a long holds, and a throw would lose the hit (and, in a flush's restore, the whole batch); the
         * sum stops at the ceiling, which the flush keeps in the database too.
         */
        final LongAccumulator saved = new LongAccumulator(Savings::add, 0);

        LookupCounts snapshot() {
            return new LookupCounts(hits.sum(), misses.sum(), saved.get());
        }
    }

    private final Map<EntryRef, Access> entries = new ConcurrentHashMap<>();
    private final Map<TypeKey, Counter> types = new ConcurrentHashMap<>();
    private final Map<LedgerKey, Counter> ledger = new ConcurrentHashMap<>();

    void hit(EntryRef entry, long at, TypeKey type, LedgerKey ledgerKey, long savedNanos) {
        Access access = entries.computeIfAbsent(entry, ref -> new Access());
        access.count.increment();
        access.last.accumulate(at);
        for (Counter counter : new Counter[] {counter(types, type), counter(ledger, ledgerKey)}) {
            counter.hits.increment();
            counter.saved.accumulate(savedNanos);
        }
    }

    void miss(TypeKey type, LedgerKey ledgerKey) {
        counter(types, type).misses.increment();
        counter(ledger, ledgerKey).misses.increment();
    }

    private static <K> Counter counter(Map<K, Counter> counters, K key) {
        return counters.computeIfAbsent(key, k -> new Counter());
    }

    boolean isEmpty() {
        return entries.isEmpty() && types.isEmpty() && ledger.isEmpty();
    }

    /** Adds what another (failed) flush held back into this one, so no count is lost. */
    void absorb(PendingAccess other) {
        other.entries.forEach((id, access) -> {
            Access mine = entries.computeIfAbsent(id, k -> new Access());
            mine.count.add(access.count.sum());
            mine.last.accumulate(access.last.get());
        });
        other.types.forEach((key, counter) -> add(counter(types, key), counter));
        other.ledger.forEach((key, counter) -> add(counter(ledger, key), counter));
    }

    private static void add(Counter into, Counter from) {
        into.hits.add(from.hits.sum());
        into.misses.add(from.misses.sum());
        into.saved.accumulate(from.saved.get());
    }

    Map<EntryRef, EntryAccess> entryAccesses() {
        Map<EntryRef, EntryAccess> snapshot = new HashMap<>();
        entries.forEach((id, access) -> snapshot.put(id, new EntryAccess(access.count.sum(), access.last.get())));
        return snapshot;
    }

    Map<TypeKey, LookupCounts> typeCounts() {
        Map<TypeKey, LookupCounts> snapshot = new HashMap<>();
        types.forEach((key, counter) -> snapshot.put(key, counter.snapshot()));
        return snapshot;
    }

    Map<LedgerKey, LookupCounts> ledgerCounts() {
        Map<LedgerKey, LookupCounts> snapshot = new HashMap<>();
        ledger.forEach((key, counter) -> snapshot.put(key, counter.snapshot()));
        return snapshot;
    }

    EntryAccess entryAccess(EntryRef entry) {
        Access access = entries.get(entry);
        return access == null ? null : new EntryAccess(access.count.sum(), access.last.get());
    }
}
