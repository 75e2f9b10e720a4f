package dev.llmcache.entry.web;

import dev.llmcache.pricing.TokenCounts;
import dev.llmcache.pricing.UsageMapper;

/**
 * The token counts of a store request: its explicit fields, over the provider's {@code usage}
 * when it sends one (explicit fields win, field by field).
 */
final class StoreTokens {

    private StoreTokens() {
    }

    /**
     * @throws dev.llmcache.pricing.InvalidPricingInputException (a 400 naming the field) for a usage of
     *         no known shape, or a count out of bounds
     */
    static TokenCounts of(StoreEntryRequest request) {
        TokenCounts explicit = new TokenCounts(request.inputTokens(), request.outputTokens(), request.cachedInputTokens(),
                request.cacheWriteTokens(), request.tokensUsed());
        if (request.usage() == null || request.usage().isNull()) {
            return explicit.requireWithinBounds();
        }
        return explicit.over(UsageMapper.map(request.usage())).requireWithinBounds();
    }

    /** {@code tokensUsed} as stored: as sent, else the sum of the known counts, else 0. */
    static long total(TokenCounts counts) {
        Long total = counts.tokensUsed();
        return total == null ? 0 : total;
    }
}
