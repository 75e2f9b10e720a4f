package dev.llmcache.metrics;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the metrics under {@code cache.metrics}.
 *
 * @param maxModels distinct model label values before the rest are reported as other
 * @param maxNamespaces distinct namespace label values before the rest are reported as other
 * @param maxCacheTypes distinct cache_type label values before the rest are reported as other
 * @param maxProviders distinct provider label values before the rest are reported as other
 * @param refreshInterval how often the gauges (entries, bytes, hit ratio, budget) are read again from
 *     the database's aggregates
 */
@Validated
@ConfigurationProperties("cache.metrics")
public record MetricsProperties(
        @Min(value = 0, message = "cache.metrics.max-models must be between 0 and 10000")
        @Max(value = 10_000, message = "cache.metrics.max-models must be between 0 and 10000")
        @DefaultValue("50") int maxModels,
        @Min(value = 0, message = "cache.metrics.max-namespaces must be between 0 and 10000")
        @Max(value = 10_000, message = "cache.metrics.max-namespaces must be between 0 and 10000")
        @DefaultValue("100") int maxNamespaces,
        @Min(value = 0, message = "cache.metrics.max-cache-types must be between 0 and 10000")
        @Max(value = 10_000, message = "cache.metrics.max-cache-types must be between 0 and 10000")
        @DefaultValue("50") int maxCacheTypes,
        @Min(value = 0, message = "cache.metrics.max-providers must be between 0 and 10000")
        @Max(value = 10_000, message = "cache.metrics.max-providers must be between 0 and 10000")
        @DefaultValue("20") int maxProviders,
        @NotNull(message = "cache.metrics.refresh-interval is required") @DefaultValue("PT5S") Duration refreshInterval) {

    /** The refresh runs on a schedule: it needs a positive period. */
    @AssertTrue(message = "cache.metrics.refresh-interval must be positive (e.g. PT5S)")
    public boolean isRefreshIntervalPositive() {
        return refreshInterval == null || !(refreshInterval.isNegative() || refreshInterval.isZero());
    }
}
