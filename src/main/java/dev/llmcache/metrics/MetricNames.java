package dev.llmcache.metrics;

import io.micrometer.core.instrument.Counter;
import java.util.List;

/**
 * The Micrometer names, tags and descriptions of the contract's metrics (API.md, "Operations"), in
 * one place so that every feature registers them alike. Prometheus sees the names with dots as
 * underscores and counters with {@code _total}: {@code llmcache.evictions} is
 * {@code llmcache_evictions_total}. None sets a base unit, which would add a suffix.
 *
 * <p>Eviction and migration increment their counters themselves, through the builders below:
 * {@code MetricNames.evictions(policy.name()).register(registry).increment(n)}. Registering a meter
 * that exists returns it, so they may do that once per policy or outcome, or on every run.
 */
public final class MetricNames {

    public static final String LOOKUPS = "llmcache.lookups";
    public static final String HIT_RATIO = "llmcache.hit.ratio";
    public static final String ENTRIES = "llmcache.entries";
    public static final String STORED_BYTES = "llmcache.stored.bytes";
    public static final String RESULT_BYTES = "llmcache.result.bytes";
    public static final String SPEND = "llmcache.spend.usd";
    public static final String SAVED = "llmcache.saved.usd";
    public static final String TOKENS = "llmcache.tokens";
    /** Not in the contract's table (issue 13): tokens of the providers' prompt caches, {@code kind} = read / write. */
    public static final String PROMPT_CACHE_TOKENS = "llmcache.prompt.cache.tokens";
    /** Not in the contract's table (issue 13): what the providers' prompt-cache reads saved against the input price. */
    public static final String PROMPT_CACHE_SAVED = "llmcache.prompt.cache.saved.usd";
    public static final String BUDGET = "llmcache.budget.usd";
    public static final String BUDGET_SPENT = "llmcache.budget.spent.usd";
    public static final String BUDGET_USED_RATIO = "llmcache.budget.used.ratio";
    public static final String EVICTIONS = "llmcache.evictions";
    public static final String EVICTED_BYTES = "llmcache.evicted.bytes";
    public static final String MIGRATION_ENTRIES = "llmcache.migration.entries";
    public static final String CORRUPT_ENTRIES = "llmcache.corrupt.entries";
    public static final String RATE_LIMITED = "llmcache.rate.limited";
    public static final String DUPLICATE_SPEND = "llmcache.duplicate.spend.usd";
    public static final String LEASES = "llmcache.leases";
    public static final String LEASE_WAITS = "llmcache.lease.waits";

    public static final String NAMESPACE = "namespace";
    public static final String CACHE_TYPE = "cache_type";
    public static final String RESULT = "result";
    public static final String PROVIDER = "provider";
    public static final String MODEL = "model";
    public static final String POLICY = "policy";
    public static final String OUTCOME = "outcome";
    public static final String KIND = "kind";
    public static final String TOKEN = "token";

    /** The {@code cache_type} of a miss by key, which names no cache type. */
    public static final String UNKNOWN_CACHE_TYPE = "unknown";
    /** The value of every namespace, cache type or model past its cap ({@link LabelCaps}). */
    public static final String OTHER = "other";

    /** The eviction policies of the contract; their counters exist at 0 from start-up. */
    public static final List<String> EVICTION_POLICIES = List.of("LRU", "OLDEST", "LARGEST", "COST_AWARE");
    /** The migration outcomes of the contract; their counter exists at 0 from start-up. */
    public static final List<String> MIGRATION_OUTCOMES = List.of("migrated", "failed", "skipped");
    /** The lease outcomes of the contract. */
    public static final List<String> LEASE_OUTCOMES = List.of("granted", "stored", "released", "expired");
    /** The outcomes of a wait on a lease. */
    public static final List<String> LEASE_WAIT_OUTCOMES = List.of("hit", "took_over", "timed_out");

    private MetricNames() {
    }

    /** Entries evicted by a policy (scheduled or requested); dry runs evict nothing and count nothing. */
    public static Counter.Builder evictions(String policy) {
        return Counter.builder(EVICTIONS).tag(POLICY, policy)
                .description("Entries removed by eviction, by policy");
    }

    /** Stored (compressed) bytes freed by eviction, by policy. */
    public static Counter.Builder evictedBytes(String policy) {
        return Counter.builder(EVICTED_BYTES).tag(POLICY, policy)
                .description("Stored (compressed) bytes freed by eviction, by policy");
    }

    /** Legacy cache files handled by migrations; outcome is migrated, failed or skipped. */
    public static Counter.Builder migrationEntries(String outcome) {
        return Counter.builder(MIGRATION_ENTRIES).tag(OUTCOME, outcome)
                .description("Legacy cache entries handled by migrations, by outcome (migrated, failed, skipped)");
    }
}
