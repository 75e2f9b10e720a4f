package dev.llmcache.web;

/** A request without a valid token where tokens are configured; answered with 401. */
public class UnauthorizedException extends RuntimeException {

    public UnauthorizedException(String message) {
        super(message);
    }
}
