package dev.llmcache.web;

/** A resource (entry, migration, ...) that does not exist in the caller's namespace; answered with 404. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
