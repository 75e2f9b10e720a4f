package dev.llmcache.entry;

import java.util.regex.Pattern;

/**
 * A key as a client names an entry in a path: 64 lowercase hex characters (the cache key), or
 * 32 for an entry imported from the legacy cache (its legacy key).
 */
public record EntryKey(String value) {

    private static final Pattern CACHE_KEY = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern LEGACY_KEY = Pattern.compile("[0-9a-f]{32}");

    /** True for a well-formed key; anything else is a 400. */
    public static boolean isValid(String value) {
        return value != null && (CACHE_KEY.matcher(value).matches() || LEGACY_KEY.matcher(value).matches());
    }

    /** True when only a legacy key can have this form. */
    public boolean isLegacyOnly() {
        return value.length() == 32;
    }
}
