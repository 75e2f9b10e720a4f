package dev.llmcache.migration;

import dev.llmcache.web.ProblemException;
import dev.llmcache.web.ProblemTypes;
import java.time.Duration;
import org.springframework.http.HttpStatus;

/** This server already runs {@code cache.migration.max-concurrent} migrations: a 429, to retry later. */
public class TooManyMigrationsException extends ProblemException {

    /** A migration of a real cache takes minutes: there is no point in asking again sooner. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(30);

    public TooManyMigrationsException(int running) {
        super(HttpStatus.TOO_MANY_REQUESTS, ProblemTypes.TOO_MANY_REQUESTS, "This server already runs " + running
                + " migration" + (running == 1 ? "" : "s") + " (cache.migration.max-concurrent); retry when one has ended.");
        retryAfter(RETRY_AFTER);
    }
}
