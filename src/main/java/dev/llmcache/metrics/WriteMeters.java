package dev.llmcache.metrics;

import dev.llmcache.entry.EntryStored;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Counts the spend ({@code llmcache_spend_usd_total}) and tokens ({@code llmcache_tokens_total}) of
 * results stored through the API, and their providers' prompt caching
 * ({@code llmcache_prompt_cache_tokens_total}, {@code llmcache_prompt_cache_saved_usd_total}), once
 * their transaction has committed: a write that rolled back never counts. Imported legacy entries are left out: their cost was paid when they were analysed,
 * and the migration counter reports them. A store over an existing entry also counts its cost in
 * {@code llmcache_duplicate_spend_usd_total}.
 */
@Component
class WriteMeters {

    private final MeterRegistry registry;
    private final LabelCaps caps;
    private final ConcurrentMap<Key, Pair> counters = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, UsdCounter> duplicates = new ConcurrentHashMap<>();

    WriteMeters(MeterRegistry registry, LabelCaps caps) {
        this.registry = registry;
        this.caps = caps;
        duplicateSpend(caps.namespace("default")); // the family exists from start-up, at 0 (default takes a label slot)
    }

    @TransactionalEventListener
    void stored(EntryStored write) {
        if (write.imported()) {
            return;
        }
        Pair pair = counters.computeIfAbsent(new Key(caps.namespace(write.namespace()), caps.provider(write.provider()), caps.model(write.model())),
                this::register);
        pair.spend.add(write.costNanos());
        pair.tokens.increment(write.tokens());
        pair.cacheReads.increment(write.cachedInputTokens());
        pair.cacheWrites.increment(write.cacheWriteTokens());
        pair.cacheSaved.add(write.promptCacheSavedNanos());
        if (write.duplicate()) {
            duplicateSpend(caps.namespace(write.namespace())).add(write.costNanos());
        }
    }

    private UsdCounter duplicateSpend(String namespace) {
        return duplicates.computeIfAbsent(namespace, n -> UsdCounter.register(registry, MetricNames.DUPLICATE_SPEND,
                Tags.of(MetricNames.NAMESPACE, n), "US dollars paid twice: the cost of stores under a key that already held an entry"));
    }

    private Pair register(Key key) {
        return new Pair(
                UsdCounter.register(registry, MetricNames.SPEND, Tags.of(key.tags()),
                        "US dollars of LLM spend stored through the API (the cost of each write), by namespace, provider and model"),
                Counter.builder(MetricNames.TOKENS).tags(key.tags())
                        .description("LLM tokens of the results stored through the API, by namespace, provider and model")
                        .register(registry),
                promptCacheTokens(key, "read"),
                promptCacheTokens(key, "write"),
                UsdCounter.register(registry, MetricNames.PROMPT_CACHE_SAVED, Tags.of(key.tags()),
                        "US dollars the providers' prompt-cache reads saved against the full input price "
                                + "(cachedInputTokens x (input price - cached-input price)) on results stored through the API"));
    }

    private Counter promptCacheTokens(Key key, String kind) {
        return Counter.builder(MetricNames.PROMPT_CACHE_TOKENS).tags(key.tags()).tag(MetricNames.KIND, kind)
                .description("Input tokens the results stored through the API read from (kind=read, cachedInputTokens) "
                        + "or wrote to (kind=write, cacheWriteTokens) their provider's prompt cache")
                .register(registry);
    }

    private record Key(String namespace, String provider, String model) {

        String[] tags() {
            return new String[] {MetricNames.NAMESPACE, namespace, MetricNames.PROVIDER, provider, MetricNames.MODEL, model};
        }
    }

    private record Pair(UsdCounter spend, Counter tokens, Counter cacheReads, Counter cacheWrites, UsdCounter cacheSaved) {
    }
}
