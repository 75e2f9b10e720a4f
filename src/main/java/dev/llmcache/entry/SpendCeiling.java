package dev.llmcache.entry;

import dev.llmcache.ledger.LedgerRepository;
import dev.llmcache.ledger.LedgerRepository.MonthSums;
import dev.llmcache.pricing.Money;
import dev.llmcache.pricing.Quote;
import dev.llmcache.web.FieldError;
import dev.llmcache.web.InvalidRequestException;
import java.sql.SQLException;
import java.time.YearMonth;
import java.util.List;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.stereotype.Component;

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

    private final EntryRepository entries;
    private final LedgerRepository ledger;

    SpendCeiling(EntryRepository entries, LedgerRepository ledger) {
        this.entries = entries;
        this.ledger = ledger;
    }

    /** Throws the 400 when the entry's cost or prompt-cache saving does not fit in the sums it adds to. */
    void check(NewEntry entry, YearMonth month, Quote quote) {
        MonthSums sums = ledger.monthSums(entry.namespace(), month);
        if (!fits(sums.spentNanos(), quote.costNanos()) || !fits(sums.promptCacheSavedNanos(), quote.cacheSavingNanos())
                || !fits(entries.storedCostNanos(entry.namespace()), quote.costNanos())) {
            throw refusal(quote.costNanos(), month);
        }
    }

    /** True when the failure is a sum out of the database's range (PostgreSQL's overflow of a bigint). */
    static boolean isOverflow(RuntimeException failure) {
        return NestedExceptionUtils.getMostSpecificCause(failure) instanceof SQLException sql
                && NUMERIC_VALUE_OUT_OF_RANGE.equals(sql.getSQLState());
    }

    static InvalidRequestException refusal(long costNanos, YearMonth month) {
        String message = "a cost of $" + Money.usd(costNanos).toPlainString() + " would carry the namespace's spend in "
                + month + " (or the cost of the entries it holds) past $" + Money.usd(MAX_NANOS).toPlainString()
                + ", the most its sums count exactly";
        return new InvalidRequestException("Invalid request: " + message + ". Nothing was stored; store it in another namespace.",
                List.of(new FieldError("costUsd", message)));
    }

    private static boolean fits(long sum, long added) {
        return sum <= MAX_NANOS - added;
    }
}
