package dev.llmcache.security;

import dev.llmcache.web.ProblemException;
import dev.llmcache.web.ProblemTypes;
import java.time.Duration;
import org.springframework.http.HttpStatus;

/** A caller over its request rate: 429, with {@code Retry-After} saying when the next request fits. */
class RateLimitedException extends ProblemException {

    RateLimitedException(String caller, Duration wait) {
        super(HttpStatus.TOO_MANY_REQUESTS, ProblemTypes.TOO_MANY_REQUESTS, "Too many requests from " + caller
                + ": over cache.security.rate-limit; retry after " + Math.max(1, ceilSeconds(wait)) + " s.");
        retryAfter(Duration.ofSeconds(ceilSeconds(wait)));
    }

    private static long ceilSeconds(Duration wait) {
        return wait.getNano() > 0 ? wait.getSeconds() + 1 : wait.getSeconds();
    }
}
