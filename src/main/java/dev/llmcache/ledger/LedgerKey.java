package dev.llmcache.ledger;

import java.time.YearMonth;
import java.util.Comparator;

/**
 * One ledger row's identity: spend and savings are kept per namespace, UTC month, provider, model
 * and cache type. Lookups that miss by key know neither model nor type; those are empty strings.
 */
public record LedgerKey(String namespace, YearMonth month, String provider, String model, String cacheType) {

    /** The order every batch of upserts of ledger rows takes them in, so that two transactions never deadlock on them. */
    public static final Comparator<LedgerKey> ORDER = Comparator.comparing(LedgerKey::namespace)
            .thenComparing(LedgerKey::month).thenComparing(LedgerKey::provider).thenComparing(LedgerKey::model)
            .thenComparing(LedgerKey::cacheType);
}
