package dev.llmcache.entry;

/**
 * A key as a client names an entry in a path: 64 lowercase hex characters (the cache key), or
 * 32 for an entry imported from the legacy cache (its legacy key).
 */
public record EntryKey(String value) {

    /** True for a well-formed key; anything else is a 400. */
    public static boolean isValid(String value) {
        return value != null && (Patterns.isLowercaseHex(value, 64) || Patterns.isLowercaseHex(value, 32));
    }

    /** True when only a legacy key can have this form. */
    public boolean isLegacyOnly() {
        return value.length() == 32;
    }
}
