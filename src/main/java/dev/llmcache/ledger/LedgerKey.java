package dev.llmcache.ledger;

import java.time.YearMonth;

/**
 * One ledger row's identity: spend and savings are kept per namespace, UTC month, provider, model
 * and cache type. Lookups that miss by key know neither model nor type; those are empty strings.
 */
public record LedgerKey(String namespace, YearMonth month, String provider, String model, String cacheType) {
}
