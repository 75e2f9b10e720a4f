package dev.llmcache.eviction;

import java.time.Duration;
import java.time.Instant;

/**
 * What a run must achieve; each limit is optional, and a run with none does nothing.
 *
 * @param targetBytes the stored bytes (sum of storedBytes) must end at or under this
 * @param maxEntries the entries must end at or under this
 * @param olderThan no entry may remain whose last access is older than now minus this
 */
public record EvictionLimits(Long targetBytes, Long maxEntries, Duration olderThan) {

    public EvictionLimits {
        if ((targetBytes != null && targetBytes < 0) || (maxEntries != null && maxEntries < 0)
                || (olderThan != null && olderThan.isNegative())) {
            throw new IllegalArgumentException("eviction limits must not be negative");
        }
    }

    /** True when no limit is set. */
    public boolean isEmpty() {
        return targetBytes == null && maxEntries == null && olderThan == null;
    }

    /** Entries last accessed before this instant (epoch millis) are idle; Long.MIN_VALUE when no idle limit. */
    long idleBefore(Instant now) {
        return olderThan == null ? Long.MIN_VALUE : now.minus(olderThan).toEpochMilli();
    }

    /** The limits for a log line, e.g. {@code targetBytes=1000000, olderThan=P30D}. */
    String describe() {
        StringBuilder text = new StringBuilder();
        append(text, "targetBytes", targetBytes);
        append(text, "maxEntries", maxEntries);
        append(text, "olderThan", olderThan);
        return text.toString();
    }

    private static void append(StringBuilder text, String name, Object value) {
        if (value != null) {
            text.append(text.isEmpty() ? "" : ", ").append(name).append('=').append(value);
        }
    }
}
