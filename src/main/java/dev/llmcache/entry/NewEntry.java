package dev.llmcache.entry;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A validated result to store, from the API or the legacy import.
 *
 * @param legacyKey the legacy cache's key for imported entries, else null
 * @param createdAt when it was analysed: now for the API, {@code analyzed_at} for imports
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
        EncodedResult result,
        Instant createdAt) {

    public NewEntry {
        createdAt = createdAt.truncatedTo(ChronoUnit.MILLIS); // the precision the database keeps
    }

    public String cacheKey() {
        return factors.cacheKey();
    }
}
