package dev.llmcache.metrics;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Caps one label at a number of distinct values: the first values this server sees keep their name,
 * later ones are reported as {@value MetricNames#OTHER}, so a client that invents names cannot grow
 * the exposition without bound. The first value refused is logged once at WARN. Per process: each
 * replica keeps its own first comers.
 */
public final class LabelCap {

    private static final Logger log = LoggerFactory.getLogger(LabelCap.class);

    private final String label;
    private final String property;
    private final int max;
    private final Set<String> named = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean warned = new AtomicBoolean();

    LabelCap(String label, String property, int max) {
        this.label = label;
        this.property = property;
        this.max = max;
    }

    /** The value itself while it is among the first {@code max}, else {@value MetricNames#OTHER}. */
    public String label(String value) {
        if (named.contains(value)) {
            return value;
        }
        if (named.size() < max) {
            synchronized (named) {
                if (named.contains(value) || named.size() < max && named.add(value)) {
                    return value;
                }
            }
        }
        if (!warned.getAndSet(true)) {
            log.warn("The {} label reached its cap of {} distinct values (the first ones seen keep their name); later values "
                    + "are reported as '{}' in the metrics from now on. Raise {} to keep more.", label, max, MetricNames.OTHER, property);
        }
        return MetricNames.OTHER;
    }
}
