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
 * and the migration counter reports them.
 */
@Component
class WriteMeters {

    private static final double NANOS_PER_USD = 1e9;

    private final MeterRegistry registry;
    private final LabelCaps caps;
    private final ConcurrentMap<Key, Pair> counters = new ConcurrentHashMap<>();

    WriteMeters(MeterRegistry registry, LabelCaps caps) {
        this.registry = registry;
        this.caps = caps;
    }

    @TransactionalEventListener
    void stored(EntryStored write) {
        if (write.imported()) {
            return;
        }
        Pair pair = counters.computeIfAbsent(new Key(caps.namespace(write.namespace()), write.provider(), caps.model(write.model())),
                this::register);
        pair.spend.increment(write.costNanos() / NANOS_PER_USD);
        pair.tokens.increment(write.tokens());
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
