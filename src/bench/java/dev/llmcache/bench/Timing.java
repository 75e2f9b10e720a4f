package dev.llmcache.bench;

import java.util.Arrays;
import java.util.Locale;

/** Latency samples in nanoseconds, summarised as median, p99 and mean in milliseconds. */
final class Timing {

    private final long[] samples;
    private int size;

    Timing(int capacity) {
        samples = new long[capacity];
    }

    void add(long nanos) {
        samples[size++] = nanos;
    }

    double percentileMillis(double percentile) {
        long[] sorted = Arrays.copyOf(samples, size);
        Arrays.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * size) - 1;
        return sorted[Math.max(0, Math.min(size - 1, index))] / 1e6;
    }

    double meanMillis() {
        return Arrays.stream(samples, 0, size).average().orElse(0) / 1e6;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "median %.3f ms, p99 %.3f ms, mean %.3f ms (%d requests)",
                percentileMillis(50), percentileMillis(99), meanMillis(), size);
    }
}
