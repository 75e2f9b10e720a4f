package dev.llmcache.pricing;

/**
 * The tokens one LLM call used, as a store request (or the provider's {@code usage}) gives them;
 * any count may be unknown ({@code null}). {@code inputTokens} counts only the uncached input.
 *
 * @param inputTokens uncached input tokens
 * @param outputTokens output tokens, reasoning ("thinking") tokens included
 * @param cachedInputTokens input tokens read from the provider's prompt cache
 * @param cacheWriteTokens input tokens written to the provider's prompt cache
 * @param tokensUsed the total as sent; see {@link #tokensUsed()} for the total when it was not
 */
public record TokenCounts(Long inputTokens, Long outputTokens, Long cachedInputTokens, Long cacheWriteTokens,
        Long tokensUsed) {

    /**
     * The largest count of any kind one entry may carry (10^12 tokens). Requests are refused above
     * it, so that costs and sums over entries stay exact and never overflow.
     */
    public static final long MAX_TOKENS = 1_000_000_000_000L;

    /** No tokens known: costs nothing. */
    public static final TokenCounts NONE = new TokenCounts(null, null, null, null, null);

    /** Only a total, as the legacy cache and older clients send it: priced half input, half output. */
    public static TokenCounts total(Long tokensUsed) {
        return new TokenCounts(null, null, null, null, tokensUsed);
    }

    /**
     * The total: as sent, else the sum of the four counts when any is known, else {@code null}.
     * Within bounds ({@link #requireWithinBounds()}) the sum cannot overflow; outside them it throws
     * rather than wrap.
     */
    @Override
    public Long tokensUsed() {
        if (tokensUsed != null || !exact()) {
            return tokensUsed;
        }
        return Math.addExact(Math.addExact(orZero(inputTokens), orZero(outputTokens)),
                Math.addExact(orZero(cachedInputTokens), orZero(cacheWriteTokens)));
    }

    /** True when at least one of the four counts is known: the cost is then exact, not estimated. */
    public boolean exact() {
        return inputTokens != null || outputTokens != null || cachedInputTokens != null || cacheWriteTokens != null;
    }

    /** True when a count of any kind may be stored and priced: from 0 to {@link #MAX_TOKENS}. */
    public static boolean withinBounds(long count) {
        return count >= 0 && count <= MAX_TOKENS;
    }

    /** These counts where known, the other's elsewhere: explicit request fields win over a mapped {@code usage}. */
    public TokenCounts over(TokenCounts fallback) {
        return new TokenCounts(first(inputTokens, fallback.inputTokens), first(outputTokens, fallback.outputTokens),
                first(cachedInputTokens, fallback.cachedInputTokens), first(cacheWriteTokens, fallback.cacheWriteTokens),
                first(tokensUsed, fallback.tokensUsed));
    }

    /**
     * Refuses a negative count or one over {@link #MAX_TOKENS}, naming the field.
     *
     * @throws InvalidTokenCountException for the first count out of bounds
     */
    public TokenCounts requireWithinBounds() {
        check("inputTokens", inputTokens);
        check("outputTokens", outputTokens);
        check("cachedInputTokens", cachedInputTokens);
        check("cacheWriteTokens", cacheWriteTokens);
        check("tokensUsed", tokensUsed);
        return this;
    }

    private static void check(String field, Long count) {
        if (count != null && !withinBounds(count)) {
            throw new InvalidTokenCountException(field, "must be between 0 and " + MAX_TOKENS);
        }
    }

    private static long orZero(Long count) {
        return count == null ? 0 : count;
    }

    private static Long first(Long preferred, Long fallback) {
        return preferred != null ? preferred : fallback;
    }
}
