package dev.llmcache.web;

import org.springframework.http.HttpStatus;

/** A resource (entry, migration, ...) that does not exist in the caller's namespace: a 404. */
public class NotFoundException extends ProblemException {

    public NotFoundException(String detail) {
        super(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, detail);
    }
}
