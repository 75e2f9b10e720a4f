package dev.llmcache.web;

/** A request body or a result over its configured limit; answered with 413, nothing stored. */
public class PayloadTooLargeException extends RuntimeException {

    public PayloadTooLargeException(String message) {
        super(message);
    }
}
