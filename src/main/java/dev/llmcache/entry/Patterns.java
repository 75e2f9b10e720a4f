package dev.llmcache.entry;

/** The contract's input patterns and the messages that explain them, shared by the request records. */
public final class Patterns {

    public static final String CACHE_TYPE = "^[a-z][a-z0-9_-]{0,31}$";
    public static final String CACHE_TYPE_MESSAGE =
            "must be 1 to 32 lowercase letters, digits, '_' or '-', starting with a letter";
    public static final String SHA256 = "^[0-9a-f]{64}$";
    public static final String SHA256_MESSAGE = "must be 64 lowercase hex characters (a SHA-256)";

    private Patterns() {
    }
}
