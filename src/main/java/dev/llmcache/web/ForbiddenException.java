package dev.llmcache.web;

/** An authenticated caller asking for something its token does not allow; answered with 403. */
public class ForbiddenException extends RuntimeException {

    public ForbiddenException(String message) {
        super(message);
    }
}
