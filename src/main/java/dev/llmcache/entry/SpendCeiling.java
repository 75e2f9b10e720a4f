package dev.llmcache.entry;

import dev.llmcache.ledger.LedgerRepository;
import dev.llmcache.ledger.LedgerRepository.MonthSums;
import dev.llmcache.pricing.Money;
import dev.llmcache.pricing.Quote;
import dev.llmcache.web.FieldError;
import dev.llmcache.web.InvalidRequestException;
import java.sql.SQLException;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Refuses a store that would carry a sum it adds to past what a 64-bit count of nano-dollars holds
 * (about $9.2 billion): the namespace's spend or prompt-cache savings in the month (the ledger), or
 * the cost of the entries the namespace holds (the statistics). Past it SQLite's {@code +} turns the
 * sum into an inexact floating-point value and PostgreSQL's fails; refused first, nothing is written.
 * Checked on the writer inside the store's transaction: on SQLite (one writer) nothing can come
 * between the check and the write; on PostgreSQL two concurrent stores could both pass, and the
 * database's own overflow error (SQLSTATE 22003) is then turned into the same refusal.
 */
@Component
class SpendCeiling {

    /** Nano-dollars a sum may reach. */
    static final long MAX_NANOS = Long.MAX_VALUE;
    private static final String NUMERIC_VALUE_OUT_OF_RANGE = "22003";
    /** Key of the transaction resource holding the bounds of {@link #storedCostFits}. */
    private static final Object STORED_COST_BOUNDS = new Object();

    private final EntryRepository entries;
    private final LedgerRepository ledger;
    private final ImportRepository imports;

    SpendCeiling(EntryRepository entries, LedgerRepository ledger, ImportRepository imports) {
        this.entries = entries;
        this.ledger = ledger;
        this.imports = imports;
    }

    /** Throws the 400 when the entry's cost or prompt-cache saving does not fit in the sums it adds to. */
    void check(NewEntry entry, YearMonth month, Quote quote) {
        MonthSums sums = ledger.monthSums(entry.namespace(), month);
        if (!fits(sums.spentNanos(), quote.costNanos()) || !fits(sums.promptCacheSavedNanos(), quote.cacheSavingNanos())
                || !storedCostFits(entry.namespace(), quote.costNanos())) {
            throw refusal(quote.costNanos(), month);
        }
    }

    /**
     * Whether the cost fits beside what the namespace's entries cost. In a transaction of many stores (a
     * group) the statistics are read once and each store let through raises that figure by its cost: an
     * upper bound (a store that replaces an entry, or is rolled back, lowers the real sum), read again
     * exactly only when the bound does not fit.
     */
    private boolean storedCostFits(String namespace, long costNanos) {
        Map<String, Long> bounds = storedCostBounds();
        Long bound = bounds == null ? null : bounds.get(namespace);
        long stored = bound != null && fits(bound, costNanos) ? bound : entries.storedCostNanos(namespace);
        if (!fits(stored, costNanos)) {
            return false;
        }
        if (bounds != null) {
            bounds.put(namespace, stored + costNanos);
        }
        return true;
    }

    /** The current transaction's upper bounds of the namespaces' stored cost; null outside a transaction. */
    @SuppressWarnings("unchecked")
    private static Map<String, Long> storedCostBounds() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return null;
        }
        Map<String, Long> bounds = (Map<String, Long>) TransactionSynchronizationManager.getResource(STORED_COST_BOUNDS);
        if (bounds == null) {
            bounds = new HashMap<>();
            TransactionSynchronizationManager.bindResource(STORED_COST_BOUNDS, bounds);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(STORED_COST_BOUNDS);
                }
            });
        }
        return bounds;
    }

    /**
     * Throws when an entry of an import batch (of one namespace, each key once, in order) would carry a sum
     * past the ceiling, the sums growing with the entries before it: the first such entry is named. Entries
     * whose keys are already there store nothing and count for nothing; they are looked up only when the
     * batch as a whole does not fit, so that an ordinary import pays two small queries per batch.
     */
    void checkImport(String namespace, List<NewEntry> candidates, Map<String, Quote> quotes) {
        long storedCost = entries.storedCostNanos(namespace);
        Map<YearMonth, MonthSums> months = new HashMap<>();
        if (firstBeyond(candidates, quotes, storedCost, months) == null) {
            return;
        }
        Set<String> present = imports.existingKeys(namespace, candidates.stream().map(NewEntry::cacheKey).toList());
        NewEntry beyond = firstBeyond(candidates.stream().filter(entry -> !present.contains(entry.cacheKey())).toList(),
                quotes, storedCost, months);
        if (beyond != null) {
            throw new SpendCeilingExceededException(beyond.cacheKey(),
                    reason(quotes.get(beyond.cacheKey()).costNanos(), month(beyond)));
        }
    }

    /** The first entry that does not fit in the sums as the entries before it leave them, or null. */
    private NewEntry firstBeyond(List<NewEntry> candidates, Map<String, Quote> quotes, long storedCost,
            Map<YearMonth, MonthSums> months) {
        long stored = storedCost;
        Map<YearMonth, MonthSums> added = new HashMap<>();
        for (NewEntry entry : candidates) {
            Quote quote = quotes.get(entry.cacheKey());
            YearMonth month = month(entry);
            MonthSums sums = added.computeIfAbsent(month,
                    m -> months.computeIfAbsent(m, key -> ledger.monthSums(entry.namespace(), key)));
            if (!fits(stored, quote.costNanos()) || !fits(sums.spentNanos(), quote.costNanos())
                    || !fits(sums.promptCacheSavedNanos(), quote.cacheSavingNanos())) {
                return entry;
            }
            stored += quote.costNanos();
            added.put(month, new MonthSums(sums.spentNanos() + quote.costNanos(),
                    sums.promptCacheSavedNanos() + quote.cacheSavingNanos()));
        }
        return null;
    }

    private static YearMonth month(NewEntry entry) {
        return YearMonth.from(entry.createdAt().atZone(ZoneOffset.UTC));
    }

    /** True when the failure is a sum out of the database's range (PostgreSQL's overflow of a bigint). */
    static boolean isOverflow(RuntimeException failure) {
        return NestedExceptionUtils.getMostSpecificCause(failure) instanceof SQLException sql
                && NUMERIC_VALUE_OUT_OF_RANGE.equals(sql.getSQLState());
    }

    /** Why an entry of this cost is refused: lower-case start, no final period (a field error's or a legacy entry's reason). */
    static String reason(long costNanos, YearMonth month) {
        return "a cost of $" + Money.usd(costNanos).toPlainString() + " would carry the namespace's spend in "
                + month + " (or the cost of the entries it holds) past $" + Money.usd(MAX_NANOS).toPlainString()
                + ", the most its sums count exactly";
    }

    static InvalidRequestException refusal(long costNanos, YearMonth month) {
        String message = reason(costNanos, month);
        return new InvalidRequestException("Invalid request: " + message + ". Nothing was stored; store it in another namespace.",
                List.of(new FieldError("costUsd", message)));
    }

    private static boolean fits(long sum, long added) {
        return sum <= MAX_NANOS - added;
    }
}
