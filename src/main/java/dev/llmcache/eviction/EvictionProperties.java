package dev.llmcache.eviction;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Eviction settings under {@code cache.eviction.*}; the limits the schedule enforces are
 * {@code cache.limits.max-stored-bytes}, {@code max-entries} and {@code idle-ttl}.
 *
 * @param interval how often the scheduled eviction runs (when a limit is configured)
 * @param policy the scheduled eviction's policy, and the API's when a request names none
 * @param batchSize entries deleted per transaction: the writer is free for stores between batches
 * @param lockWait how long POST /api/v1/eviction waits for a run in progress (here or on
 *     another replica) before answering 409
 */
@Validated
@ConfigurationProperties("cache.eviction")
public record EvictionProperties(
        @NotNull(message = "cache.eviction.interval is required") @DefaultValue("PT5M") Duration interval,
        @NotNull(message = "cache.eviction.policy must be one of LRU, OLDEST, LARGEST, COST_AWARE") @DefaultValue("COST_AWARE") EvictionPolicy policy,
        @Min(value = 1, message = "cache.eviction.batch-size must be between 1 and 100000")
        @Max(value = 100_000, message = "cache.eviction.batch-size must be between 1 and 100000") @DefaultValue("500") int batchSize,
        @NotNull(message = "cache.eviction.lock-wait is required") @DefaultValue("PT30S") Duration lockWait) {

    @AssertTrue(message = "cache.eviction.interval must be positive, e.g. PT5M")
    public boolean isIntervalPositive() {
        return interval == null || (!interval.isNegative() && !interval.isZero());
    }

    @AssertTrue(message = "cache.eviction.lock-wait must not be negative")
    public boolean isLockWaitValid() {
        return lockWait == null || !lockWait.isNegative();
    }
}
