package dev.llmcache.lookup.web;

import dev.llmcache.lookup.LeaseAsk;
import dev.llmcache.web.InvalidRequestException;
import java.time.Duration;
import java.time.format.DateTimeParseException;

/** The {@code lease=} and {@code wait=} query parameters of lookups: ISO-8601 durations within the contract's bounds. */
final class LeaseParameters {

    static final String LEASE = "On a miss with no live lease on the key, grant one for this long (ISO-8601 duration, PT1S to PT1H). "
            + "Needs a WRITE token.";
    static final String WAIT = "When another client holds the key's lease, wait this long (ISO-8601 duration, up to PT10M) "
            + "for its result or, with lease=, to take over.";

    private static final Duration MIN_LEASE = Duration.ofSeconds(1);
    private static final Duration MAX_LEASE = Duration.ofHours(1);
    private static final Duration MAX_WAIT = Duration.ofMinutes(10);

    private LeaseParameters() {
    }

    static LeaseAsk parse(String lease, String wait) {
        Duration leaseFor = lease == null ? null : duration("lease", lease, MIN_LEASE, MAX_LEASE);
        Duration waitFor = wait == null ? null : duration("wait", wait, Duration.ZERO, MAX_WAIT);
        return new LeaseAsk(leaseFor, waitFor);
    }

    private static Duration duration(String name, String value, Duration min, Duration max) {
        String bounds = "must be an ISO-8601 duration from " + min + " to " + max + ", e.g. PT10M";
        Duration parsed;
        try {
            parsed = Duration.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException(name, bounds);
        }
        if (parsed.compareTo(min) < 0 || parsed.compareTo(max) > 0) {
            throw new InvalidRequestException(name, bounds);
        }
        return parsed;
    }
}
