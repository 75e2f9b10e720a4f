package dev.llmcache.web;

import java.net.URI;
import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * An error answered as an RFC 9457 problem: each subclass carries its own status, problem type and
 * headers, so a feature adds an error by adding a class, never by editing the exception handler.
 * The message is the problem's detail, a sentence a person can act on.
 */
public class ProblemException extends ErrorResponseException {

    public ProblemException(HttpStatus status, URI type, String detail) {
        this(status, type, detail, null);
    }

    public ProblemException(HttpStatus status, URI type, String detail, Throwable cause) {
        super(status, ProblemTypes.problem(status, type, detail), cause);
    }

    /** Tells the client when to try again, in whole seconds. */
    protected final void retryAfter(Duration wait) {
        retryAfter(getHeaders(), wait);
    }

    /** Sets {@code Retry-After} in whole seconds, at least one, on headers of a problem answered without an exception. */
    public static void retryAfter(HttpHeaders headers, Duration wait) {
        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, wait.toSeconds())));
    }

    @Override
    public String getMessage() {
        return getBody().getDetail();
    }
}
