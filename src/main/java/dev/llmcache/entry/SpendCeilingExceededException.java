package dev.llmcache.entry;

/**
 * An imported entry whose cost would carry a sum past what a 64-bit count of nano-dollars holds (see
 * {@link SpendCeiling}); its message is the reason, shaped like a legacy entry's (lower-case start,
 * no final period), and nothing of its batch was stored.
 */
public class SpendCeilingExceededException extends RuntimeException {

    private final String cacheKey;

    SpendCeilingExceededException(String cacheKey, String reason) {
        super(reason);
        this.cacheKey = cacheKey;
    }

    /** The key of the first entry of the batch that does not fit. */
    public String cacheKey() {
        return cacheKey;
    }
}
