package dev.llmcache.metrics;

import dev.llmcache.entry.EntryStored;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Counts the spend ({@code llmcache_spend_usd_total}) and tokens ({@code llmcache_tokens_total}) of
 * results stored through the API, once their transaction has committed: a write that rolled back
 * never counts. Imported legacy entries are left out: their cost was paid when they were analysed,
 * and the migration counter reports them. A store over an existing entry also counts its cost in
 * {@code llmcache_duplicate_spend_usd_total}.
 */
@Component
class WriteMeters {

    private static final double NANOS_PER_USD = 1e9;

    private final MeterRegistry registry;
    private final ModelLabels models;
    private final ConcurrentMap<Key, Pair> counters = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Counter> duplicates = new ConcurrentHashMap<>();

    WriteMeters(MeterRegistry registry, ModelLabels models) {
        this.registry = registry;
        this.models = models;
        duplicateSpend("default"); // the family exists from start-up, at 0
    }

    @TransactionalEventListener
    void stored(EntryStored write) {
        if (write.imported()) {
            return;
        }
        Pair pair = counters.computeIfAbsent(new Key(write.namespace(), write.provider(), models.label(write.model())),
                this::register);
        pair.spend.increment(write.costNanos() / NANOS_PER_USD);
        pair.tokens.increment(write.tokens());
        if (write.duplicate()) {
            duplicateSpend(write.namespace()).increment(write.costNanos() / NANOS_PER_USD);
        }
    }

    private Counter duplicateSpend(String namespace) {
        return duplicates.computeIfAbsent(namespace, n -> Counter.builder(MetricNames.DUPLICATE_SPEND)
                .tag(MetricNames.NAMESPACE, n)
                .description("US dollars paid twice: the cost of stores under a key that already held an entry")
                .register(registry));
    }

    private Pair register(Key key) {
        return new Pair(
                Counter.builder(MetricNames.SPEND).tags(key.tags())
                        .description("US dollars of LLM spend stored through the API (the cost of each write), by namespace, provider and model")
                        .register(registry),
                Counter.builder(MetricNames.TOKENS).tags(key.tags())
                        .description("LLM tokens of the results stored through the API, by namespace, provider and model")
                        .register(registry));
    }

    private record Key(String namespace, String provider, String model) {

        String[] tags() {
            return new String[] {MetricNames.NAMESPACE, namespace, MetricNames.PROVIDER, provider, MetricNames.MODEL, model};
        }
    }

    private record Pair(Counter spend, Counter tokens) {
    }
}
