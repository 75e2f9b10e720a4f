package dev.llmcache.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.HashMap;
import java.util.Map;

/**
 * The gauges of one name, one per label set, showing the values last read from the database. A
 * scrape reads the current values without touching the database; a refresh replaces them, adds the
 * label sets that appeared (a new namespace or cache type) and removes those that went.
 */
final class GaugeFamily {

    private final MeterRegistry registry;
    private final String name;
    private final String description;
    private final Map<Tags, Gauge> gauges = new HashMap<>();
    private volatile Map<Tags, Double> values = Map.of();

    GaugeFamily(MeterRegistry registry, String name, String description) {
        this.registry = registry;
        this.name = name;
        this.description = description;
    }

    synchronized void update(Map<Tags, Double> next) {
        values = Map.copyOf(next);
        for (Tags tags : next.keySet()) {
            gauges.computeIfAbsent(tags, t -> Gauge.builder(name, this, family -> family.value(t)).tags(t)
                    .description(description).strongReference(true).register(registry));
        }
        gauges.entrySet().removeIf(gauge -> {
            if (next.containsKey(gauge.getKey())) {
                return false;
            }
            registry.remove(gauge.getValue());
            return true;
        });
    }

    private double value(Tags tags) {
        Double value = values.get(tags);
        return value != null ? value : Double.NaN;
    }
}
