package dev.llmcache.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import java.time.Duration;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * Gives every {@code http.server.requests} timer the same latency buckets, from 1 ms to 10 s, so
 * that {@code histogram_quantile} can draw p50 and p99 per route. All timers of that name get them:
 * Micrometer's Prometheus registry cannot expose one name with and without buckets. The
 * requests-in-progress timer ({@code http.server.requests.active}) stays as it is.
 */
@Component
class HttpLatencyHistogram implements MeterFilter {

    private static final String NAME = "http.server.requests";

    private static final double[] BUCKETS_NANOS = Stream.of("PT0.001S", "PT0.002S", "PT0.005S", "PT0.01S", "PT0.025S",
                    "PT0.05S", "PT0.1S", "PT0.25S", "PT0.5S", "PT1S", "PT2.5S", "PT5S", "PT10S")
            .mapToDouble(bucket -> Duration.parse(bucket).toNanos()).toArray();

    @Override
    public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
        if (id.getType() != Meter.Type.TIMER || !NAME.equals(id.getName())) {
            return config;
        }
        return DistributionStatisticConfig.builder().serviceLevelObjectives(BUCKETS_NANOS).build().merge(config);
    }
}
