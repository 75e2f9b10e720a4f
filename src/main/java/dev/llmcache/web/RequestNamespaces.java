package dev.llmcache.web;

import java.util.Enumeration;
import java.util.function.Supplier;

/**
 * The namespace a request may use: its {@code X-Cache-Namespace} header's, or without the header the
 * caller's default (its token's only namespace, else {@value Namespace#DEFAULT}); a namespace the
 * caller may not use is a 403. Controllers get it as a parameter; a handler that reads its request
 * itself asks here, so that both decide alike.
 */
public final class RequestNamespaces {

    private final Supplier<Caller> callers;

    RequestNamespaces(Supplier<Caller> callers) {
        this.callers = callers;
    }

    /** The caller of the request being handled on this thread. */
    public Caller caller() {
        return callers.get();
    }

    /**
     * The namespace named by the request's header, which may be sent once at most: a request belongs to one
     * namespace, and taking the first of two (a proxy adding its own) could put a write in the wrong one.
     *
     * @throws InvalidRequestException when the header is sent more than once, or its value is not a namespace name
     * @throws ForbiddenException when the caller may not use it
     */
    public Namespace of(Enumeration<String> headers) {
        String header = headers != null && headers.hasMoreElements() ? headers.nextElement() : null;
        if (headers != null && headers.hasMoreElements()) {
            throw new InvalidRequestException(Namespace.HEADER, "must be sent once: a request belongs to one namespace");
        }
        return of(header);
    }

    /**
     * The namespace named by the request's header value (null when the header is absent).
     *
     * @throws InvalidRequestException when the value is not a namespace name
     * @throws ForbiddenException when the caller may not use it
     */
    public Namespace of(String header) {
        Caller caller = callers.get();
        Namespace namespace = header == null ? caller.defaultNamespace() : new Namespace(header);
        if (!caller.mayUse(namespace)) {
            throw new ForbiddenException("Token '" + caller.displayName() + "' may not use namespace '" + namespace + "'.");
        }
        return namespace;
    }
}
