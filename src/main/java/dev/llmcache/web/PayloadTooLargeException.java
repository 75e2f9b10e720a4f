package dev.llmcache.web;

import org.springframework.http.HttpStatus;

/** A request body or a result over its configured limit: a 413, nothing stored. */
public class PayloadTooLargeException extends ProblemException {

    public PayloadTooLargeException(String detail) {
        super(HttpStatus.PAYLOAD_TOO_LARGE, ProblemTypes.PAYLOAD_TOO_LARGE, detail);
    }
}
