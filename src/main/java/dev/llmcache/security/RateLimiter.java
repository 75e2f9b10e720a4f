package dev.llmcache.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One token bucket (Bucket4j) per caller: {@code requests-per-second} on average, {@code burst} at
 * once. Buckets live in this process, so with several replicas each allows the rate on its own.
 * Tokens have one bucket each for good; client addresses (anonymous callers) are kept in a bounded
 * cache and forgotten once idle for longer than a bucket takes to fill.
 */
final class RateLimiter {

    private static final int MAX_CALLERS = 100_000;

    private final long capacity;
    private final Duration refillPeriod;
    private final TimeMeter time;
    private final Cache<String, Bucket> buckets;

    RateLimiter(SecurityProperties.RateLimit limit, Clock clock) {
        this.capacity = limit.capacity();
        // One request's worth of refill, in nanoseconds: exact for any rate up to 10^9 per second.
        this.refillPeriod = Duration.ofNanos(Math.max(1, Math.round(1e9 / limit.requestsPerSecond())));
        this.time = new ClockTime(clock);
        Duration toFull = refillPeriod.multipliedBy(capacity);
        this.buckets = Caffeine.newBuilder().maximumSize(MAX_CALLERS)
                .expireAfterAccess(toFull.compareTo(Duration.ofMinutes(1)) > 0 ? toFull : Duration.ofMinutes(1)).build();
    }

    /** Takes one request from the caller's bucket; empty when allowed, else how long until one fits. */
    Optional<Duration> acquire(String caller) {
        Bucket bucket = buckets.get(caller, key -> Bucket.builder()
                .addLimit(l -> l.capacity(capacity).refillGreedy(1, refillPeriod))
                .withCustomTimePrecision(time).build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    /** Bucket4j's time from the injected clock, so that tests move time instead of sleeping. */
    private record ClockTime(Clock clock) implements TimeMeter {

        @Override
        public long currentTimeNanos() {
            Instant now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        }

        @Override
        public boolean isWallClockBased() {
            return true;
        }
    }
}
