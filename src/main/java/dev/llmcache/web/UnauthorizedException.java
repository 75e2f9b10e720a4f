package dev.llmcache.web;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/** A request without a valid token where tokens are configured: a 401 that names the scheme. */
public class UnauthorizedException extends ProblemException {

    public UnauthorizedException(String detail) {
        super(HttpStatus.UNAUTHORIZED, ProblemTypes.UNAUTHORIZED, detail);
        getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    }
}
