package dev.llmcache.lease;

import dev.llmcache.web.ProblemException;
import dev.llmcache.web.ProblemTypes;
import java.net.URI;
import java.time.Duration;
import org.springframework.http.HttpStatus;

/** {@code cache.leases.max-waiters} lookups wait already: 503 with Retry-After. */
public class TooManyWaitersException extends ProblemException {

    static final URI TYPE = URI.create("/problems/too-many-waiters");

    TooManyWaitersException(int maxWaiters) {
        super(HttpStatus.SERVICE_UNAVAILABLE, TYPE, "This server already has " + maxWaiters
                + " lookups waiting on leases (cache.leases.max-waiters); try again shortly, or look up without wait.");
        retryAfter(Duration.ofSeconds(1));
    }
}
