package dev.llmcache.ledger;

import dev.llmcache.ledger.LedgerRepository.MonthSums;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The spend of the stores of one transaction, summed per ledger row and written when the transaction
 * is flushed (a group of stores on PostgreSQL, after its last write) or else just before it commits:
 * one upsert per row for a whole group of stores instead of one per store, and those rows, which every
 * store of a namespace updates, locked only from then to the commit. A write rolled back to its
 * savepoint takes its spend with it: the sums are remembered at each savepoint and restored on a
 * rollback to it. The months' sums the spend ceiling reads are read from the ledger once per
 * transaction (on SQLite's one writer nothing else writes them meanwhile; on PostgreSQL another
 * replica may, and the database's overflow error is what stops a sum then, as {@code SpendCeiling}
 * says). Lives as long as its transaction, on its thread.
 */
final class GroupedWrites implements TransactionSynchronization {

    private final LedgerRepository ledger;
    private Map<LedgerKey, Row> rows = new LinkedHashMap<>();
    /** The sums as they stood at each savepoint made since this was registered. */
    private final Map<Object, Map<LedgerKey, Row>> atSavepoint = new IdentityHashMap<>();
    /** Months' sums as the ledger holds them, read once: nothing else writes them before this transaction ends. */
    private final Map<Month, MonthSums> written = new HashMap<>();

    private GroupedWrites(LedgerRepository ledger) {
        this.ledger = ledger;
    }

    /** A namespace's month: what the spend ceiling sums. */
    private record Month(String namespace, YearMonth month) {
    }

    /** What some writes of one ledger row add to it. */
    record Row(WriteTotals totals, long duplicateNanos) {

        Row plus(Row other) {
            return new Row(totals.plus(other.totals), Math.addExact(duplicateNanos, other.duplicateNanos));
        }
    }

    /** The current transaction's sums, registered with it on first use; null outside a transaction. */
    static GroupedWrites current(LedgerRepository ledger) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return null;
        }
        GroupedWrites grouped = (GroupedWrites) TransactionSynchronizationManager.getResource(GroupedWrites.class);
        if (grouped == null) {
            grouped = new GroupedWrites(ledger);
            TransactionSynchronizationManager.bindResource(GroupedWrites.class, grouped);
            TransactionSynchronizationManager.registerSynchronization(grouped);
        }
        return grouped;
    }

    /** The current transaction's sums when it has any; null otherwise. */
    static GroupedWrites existing() {
        return TransactionSynchronizationManager.isSynchronizationActive()
                ? (GroupedWrites) TransactionSynchronizationManager.getResource(GroupedWrites.class) : null;
    }

    /** Adds a write's spend; false, adding nothing, when a sum would no longer fit in a long. */
    boolean add(LedgerKey key, WriteTotals totals, long duplicateNanos) {
        try {
            rows.merge(key, new Row(totals, duplicateNanos), Row::plus);
            return true;
        } catch (ArithmeticException e) {
            return false;
        }
    }

    /** A namespace's month as the ledger holds it, read once per transaction (again after a direct write or a rollback). */
    MonthSums written(String namespace, YearMonth month, Supplier<MonthSums> read) {
        return written.computeIfAbsent(new Month(namespace, month), key -> read.get());
    }

    /** The ledger was written directly, or a rollback took writes back: months are read again. */
    void forgetWritten() {
        written.clear();
    }

    /** The spend and prompt-cache savings of a namespace's month added here and not yet written. */
    MonthSums pending(String namespace, YearMonth month) {
        long spent = 0;
        long saved = 0;
        for (Map.Entry<LedgerKey, Row> row : rows.entrySet()) {
            if (row.getKey().namespace().equals(namespace) && row.getKey().month().equals(month)) {
                spent += row.getValue().totals().costNanos();
                saved += row.getValue().totals().promptCacheSavedNanos();
            }
        }
        return new MonthSums(spent, saved);
    }

    @Override
    public void savepoint(Object savepoint) {
        atSavepoint.put(savepoint, new LinkedHashMap<>(rows));
    }

    @Override
    public void savepointRollback(Object savepoint) {
        // a savepoint made before the first write added anything is older than all of it
        Map<LedgerKey, Row> before = atSavepoint.get(savepoint);
        rows = before == null ? new LinkedHashMap<>() : new LinkedHashMap<>(before);
        written.clear();
    }

    /** Writes the sums now: a group of stores on PostgreSQL does so after its last write, where a failure is one of a write. */
    @Override
    public void flush() {
        ledger.writeGrouped(rows);
        rows = new LinkedHashMap<>();
        written.clear();
    }

    @Override
    public void beforeCommit(boolean readOnly) {
        flush();
    }

    @Override
    public void afterCompletion(int status) {
        TransactionSynchronizationManager.unbindResourceIfPossible(GroupedWrites.class);
    }
}
