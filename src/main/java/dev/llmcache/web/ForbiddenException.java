package dev.llmcache.web;

import org.springframework.http.HttpStatus;

/** An authenticated caller asking for something its token does not allow: a 403. */
public class ForbiddenException extends ProblemException {

    public ForbiddenException(String detail) {
        super(HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN, detail);
    }
}
