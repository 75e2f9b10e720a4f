package dev.llmcache.entry.web;

import dev.llmcache.entry.EntryKey;
import dev.llmcache.web.InvalidRequestException;

/** Validates a key taken from a request path; anything but 64 (or legacy 32) lowercase hex is a 400. */
public final class PathKeys {

    private PathKeys() {
    }

    public static EntryKey parse(String value) {
        if (!EntryKey.isValid(value)) {
            throw new InvalidRequestException("cacheKey",
                    "must be 64 lowercase hex characters (or 32 for an entry imported from the legacy cache)");
        }
        return new EntryKey(value);
    }
}
