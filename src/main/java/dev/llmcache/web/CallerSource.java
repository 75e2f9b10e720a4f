package dev.llmcache.web;

/** Tells who the current request's caller is; security implements it. */
public interface CallerSource {

    /** The caller of the request being handled on this thread. */
    Caller current();
}
