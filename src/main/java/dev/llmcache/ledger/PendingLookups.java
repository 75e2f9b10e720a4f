package dev.llmcache.ledger;

import dev.llmcache.ledger.LookupCounts;
import java.time.YearMonth;
import java.util.Map;

/**
 * A namespace's lookups that this server has answered but not yet written to the database, so
 * that statistics add them and stay exact the moment a lookup has answered.
 *
 * @param byType hits, misses and savings per cache type ({@code ""} for misses by key)
 * @param byMonth the same per UTC month, for the budget and its history
 */
public record PendingLookups(Map<String, LookupCounts> byType, Map<YearMonth, LookupCounts> byMonth) {

    public LookupCounts total() {
        return byType.values().stream().reduce(LookupCounts.ZERO, LookupCounts::plus);
    }

    public LookupCounts inMonth(YearMonth month) {
        return byMonth.getOrDefault(month, LookupCounts.ZERO);
    }
}
