package dev.llmcache.lease;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Miss leases and waiting lookups under {@code cache.leases.*}.
 *
 * @param maxWaiters lookups that may wait on a lease at once on this server; beyond it, 503 with Retry-After
 * @param pollInterval how often waiting lookups check the lease table for leases ended on another
 *     replica (stored, released or expired) and for waits that ran out; under one second
 * @param sweepInterval how often leases that expired without anyone taking them over are removed
 *     (and counted as expired)
 */
@Validated
@ConfigurationProperties("cache.leases")
public record LeaseProperties(
        @Min(value = 0, message = "cache.leases.max-waiters must be between 0 and 1000000")
        @Max(value = 1_000_000, message = "cache.leases.max-waiters must be between 0 and 1000000")
        @DefaultValue("10000") int maxWaiters,
        @NotNull(message = "cache.leases.poll-interval is required") @DefaultValue("PT0.5S") Duration pollInterval,
        @NotNull(message = "cache.leases.sweep-interval is required") @DefaultValue("PT1M") Duration sweepInterval) {

    /** A store on another replica must reach its waiters within a second. */
    @AssertTrue(message = "cache.leases.poll-interval must be between PT0.01S and PT1S")
    public boolean isPollIntervalValid() {
        return pollInterval == null || (pollInterval.toMillis() >= 10 && pollInterval.compareTo(Duration.ofSeconds(1)) <= 0);
    }

    @AssertTrue(message = "cache.leases.sweep-interval must be positive, e.g. PT1M")
    public boolean isSweepIntervalPositive() {
        return sweepInterval == null || (!sweepInterval.isNegative() && !sweepInterval.isZero());
    }
}
