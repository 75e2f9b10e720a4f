package dev.llmcache.budget;

import dev.llmcache.ledger.LookupCounts;
import dev.llmcache.ledger.Savings;

import java.time.YearMonth;

/**
 * A namespace's ledger summed over one month, in database units.
 *
 * @param cachedInputTokens input tokens the month's writes read from their provider's prompt cache
 * @param cacheWriteTokens input tokens the month's writes wrote to their provider's prompt cache
 * @param promptCacheSavedNanos what those cache reads saved against the full input price
 * @param duplicateNanos what writes that replaced an entry under the same key cost: paid twice
 */
record MonthTotals(YearMonth month, long spentNanos, long tokens, long writes, long hits, long misses, long savedNanos,
        long cachedInputTokens, long cacheWriteTokens, long promptCacheSavedNanos, long duplicateNanos) {

    /** A month without prompt-cache or duplicate figures. */
    MonthTotals(YearMonth month, long spentNanos, long tokens, long writes, long hits, long misses, long savedNanos) {
        this(month, spentNanos, tokens, writes, hits, misses, savedNanos, 0, 0, 0, 0);
    }

    static MonthTotals empty(YearMonth month) {
        return new MonthTotals(month, 0, 0, 0, 0, 0, 0);
    }

    /** With unflushed lookups: savings stop at {@link Savings#MAX_NANOS}, a count that would overflow throws. */
    MonthTotals plus(LookupCounts lookups) {
        return new MonthTotals(month, spentNanos, tokens, writes, Math.addExact(hits, lookups.hits()),
                Math.addExact(misses, lookups.misses()), Savings.add(savedNanos, lookups.savedNanos()), cachedInputTokens,
                cacheWriteTokens, promptCacheSavedNanos, duplicateNanos);
    }
}
