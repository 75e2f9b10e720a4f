package dev.llmcache.entry;

/** A result whose serialized JSON is over {@code cache.limits.max-result-bytes}; nothing is stored. */
public class ResultTooLargeException extends RuntimeException {

    public ResultTooLargeException(long size, long limit) {
        super("The result is " + size + " bytes of JSON, over the limit of " + limit
                + " bytes (cache.limits.max-result-bytes).");
    }
}
