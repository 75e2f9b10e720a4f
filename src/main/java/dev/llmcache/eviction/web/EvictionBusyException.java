package dev.llmcache.eviction.web;

import dev.llmcache.web.ProblemException;
import dev.llmcache.web.ProblemTypes;
import java.time.Duration;
import org.springframework.http.HttpStatus;

/** Another eviction kept the lock for longer than {@code cache.eviction.lock-wait}: a 409, to retry later. */
class EvictionBusyException extends ProblemException {

    /** A run deletes in short batches; most runs end within seconds. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(10);

    EvictionBusyException() {
        super(HttpStatus.CONFLICT, ProblemTypes.CONFLICT,
                "Another eviction is still running (on a schedule or on another replica); retry when it has finished.");
        retryAfter(RETRY_AFTER);
    }
}
