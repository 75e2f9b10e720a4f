package dev.llmcache.backup;

import dev.llmcache.web.ProblemException;
import dev.llmcache.web.ProblemTypes;
import java.time.Duration;
import org.springframework.http.HttpStatus;

/** Another backup is being written: a 409, to retry when it has finished. */
public class BackupRunningException extends ProblemException {

    BackupRunningException() {
        super(HttpStatus.CONFLICT, ProblemTypes.CONFLICT,
                "Another backup is being written; retry when it has finished (its progress is in the server's log).");
        retryAfter(Duration.ofSeconds(10));
    }
}
