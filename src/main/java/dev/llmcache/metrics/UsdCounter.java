package dev.llmcache.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.concurrent.atomic.LongAdder;

/**
 * A counter of US dollars that adds whole nano-dollars, as the ledger does, and shows their sum in
 * dollars: a Micrometer {@code Counter} adds doubles, so after writes of $0.05 and $0.01 it showed
 * 0.060000000000000005 where {@code /budget} says 0.06, and the difference grew with every write.
 */
final class UsdCounter {

    private static final double NANOS_PER_USD = 1e9;

    private final LongAdder nanos = new LongAdder();

    private UsdCounter() {
    }

    /** The registry holds the counter weakly, as any function counter: the caller keeps it for the server's life. */
    static UsdCounter register(MeterRegistry registry, String name, Tags tags, String description) {
        UsdCounter counter = new UsdCounter();
        FunctionCounter.builder(name, counter, c -> c.nanos.sum() / NANOS_PER_USD)
                .tags(tags)
                .description(description)
                .register(registry);
        return counter;
    }

    void add(long nanoDollars) {
        nanos.add(nanoDollars);
    }
}
