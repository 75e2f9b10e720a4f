package dev.llmcache.budget;

import dev.llmcache.ledger.LookupCounts;

import java.time.YearMonth;

/** A namespace's ledger summed over one month, in database units. */
record MonthTotals(YearMonth month, long spentNanos, long tokens, long writes, long hits, long misses, long savedNanos,
        long duplicateNanos) {

    MonthTotals(YearMonth month, long spentNanos, long tokens, long writes, long hits, long misses, long savedNanos) {
        this(month, spentNanos, tokens, writes, hits, misses, savedNanos, 0);
    }

    static MonthTotals empty(YearMonth month) {
        return new MonthTotals(month, 0, 0, 0, 0, 0, 0);
    }

    MonthTotals plus(LookupCounts lookups) {
        return new MonthTotals(month, spentNanos, tokens, writes, hits + lookups.hits(), misses + lookups.misses(),
                savedNanos + lookups.savedNanos(), duplicateNanos);
    }
}
