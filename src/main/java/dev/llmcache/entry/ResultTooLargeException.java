package dev.llmcache.entry;

import dev.llmcache.web.PayloadTooLargeException;

/** A result whose serialized JSON is over {@code cache.limits.max-result-bytes}: a 413, nothing stored. */
public class ResultTooLargeException extends PayloadTooLargeException {

    public ResultTooLargeException(long size, long limit) {
        super("The result is " + size + " bytes of JSON, over the limit of " + limit
                + " bytes (cache.limits.max-result-bytes).");
    }
}
