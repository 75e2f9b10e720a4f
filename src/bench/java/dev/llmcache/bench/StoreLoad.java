package dev.llmcache.bench;

import dev.llmcache.entry.EntryService;
import dev.llmcache.entry.KeyFactors;
import dev.llmcache.entry.NewEntry;
import dev.llmcache.entry.ResultCodec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/** One thread storing entries through the real EntryService, one after the other, timing each. */
final class StoreLoad implements Runnable {

    static final int BEFORE = 0;
    static final int DURING = 1;
    static final int STOPPED = 2;

    private final EntryService service;
    private final ResultCodec codec;
    private final List<List<Long>> latencies = List.of(new ArrayList<>(), new ArrayList<>());
    private volatile int phase = BEFORE;

    StoreLoad(ConfigurableApplicationContext server) {
        this.service = server.getBean(EntryService.class);
        this.codec = server.getBean(ResultCodec.class);
    }

    void phase(int next) {
        phase = next;
    }

    @Override
    public void run() {
        JsonMapper json = JsonMapper.builder().build();
        for (int i = 0; ; i++) {
            int current = phase;
            if (current == STOPPED) {
                return;
            }
            var result = codec.encode(json.valueToTree(Map.of("smells", List.of("long method " + i), "score", i % 100)));
            NewEntry entry = new NewEntry("load", new KeyFactors("refactor", "grok-beta", "%064x".formatted(i), "", 1),
                    null, "/repo", "src/new" + i + ".rs", 100L, "xai", 5000, null, null, null, null, result, Instant.now(),
                    null);
            long started = System.nanoTime();
            service.store(entry);
            long took = System.nanoTime() - started;
            synchronized (latencies) {
                latencies.get(current).add(took);
            }
        }
    }

    /** Count, median, 99th percentile and maximum latency of the stores in a phase, in milliseconds. */
    String summary(int of) {
        List<Long> values;
        synchronized (latencies) {
            values = new ArrayList<>(latencies.get(of));
        }
        if (values.isEmpty()) {
            return "no stores";
        }
        values.sort(null);
        return "%,6d stores, %6.1f / %6.1f / %6.1f ms".formatted(values.size(), millis(values, 0.5), millis(values, 0.99),
                values.get(values.size() - 1) / 1e6);
    }

    private static double millis(List<Long> sorted, double quantile) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(quantile * sorted.size()))) / 1e6;
    }
}
