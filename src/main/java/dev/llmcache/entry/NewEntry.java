package dev.llmcache.entry;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A validated result to store, from the API or the legacy import.
 *
 * @param legacyKey the legacy cache's key for imported entries, else null
 * @param inputTokens uncached input tokens, when known
 * @param cachedInputTokens input tokens read from the provider's prompt cache, when known
 * @param cacheWriteTokens input tokens written to the provider's prompt cache, when known
 * @param createdAt when it was analysed: now for the API, {@code analyzed_at} for imports
 * @param writtenBy the name of the token that stored it; null when anonymous or imported
 */
public record NewEntry(
        String namespace,
        KeyFactors factors,
        String legacyKey,
        String repoPath,
        String filePath,
        Long fileSize,
        String provider,
        long tokensUsed,
        Long inputTokens,
        Long outputTokens,
        Long cachedInputTokens,
        Long cacheWriteTokens,
        EncodedResult result,
        Instant createdAt,
        String writtenBy) {

    public NewEntry {
        createdAt = createdAt.truncatedTo(ChronoUnit.MILLIS); // the precision the database keeps
    }

    public String cacheKey() {
        return factors.cacheKey();
    }
}
