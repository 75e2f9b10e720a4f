package dev.llmcache.ledger;

/**
 * What some stored results of one ledger row add to it: their cost, tokens and count, and the
 * provider prompt caching they report.
 *
 * @param costNanos their costs added up, in nano-dollars
 * @param tokens their {@code tokensUsed} added up
 * @param writes how many results
 * @param cachedInputTokens input tokens they read from the provider's prompt cache (unknown counts as 0)
 * @param cacheWriteTokens input tokens they wrote to the provider's prompt cache (unknown counts as 0)
 * @param promptCacheSavedNanos what those cache reads saved against the full input price, in nano-dollars
 */
public record WriteTotals(long costNanos, long tokens, long writes, long cachedInputTokens, long cacheWriteTokens,
        long promptCacheSavedNanos) {

    public static final WriteTotals ZERO = new WriteTotals(0, 0, 0, 0, 0, 0);

    /** One write without prompt-cache figures. */
    public static WriteTotals of(long costNanos, long tokens) {
        return new WriteTotals(costNanos, tokens, 1, 0, 0, 0);
    }

    /** Both added up; a sum that would overflow throws rather than wrap. */
    public WriteTotals plus(WriteTotals other) {
        return new WriteTotals(Math.addExact(costNanos, other.costNanos), Math.addExact(tokens, other.tokens),
                Math.addExact(writes, other.writes), Math.addExact(cachedInputTokens, other.cachedInputTokens),
                Math.addExact(cacheWriteTokens, other.cacheWriteTokens),
                Math.addExact(promptCacheSavedNanos, other.promptCacheSavedNanos));
    }
}
