package dev.llmcache.migration;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * A legacy entry that passed every check, with the contract's defaults applied, ready to be stored
 * under the cache key computed from {@code cacheType, model, fileHash, promptHash, schemaVersion}.
 *
 * @param sourceFile the legacy file it was read from
 * @param repoPath from meta.json or the directory layout, at most 1024 characters
 * @param cacheType the name of the type directory (it wins over the file's own {@code cache_type})
 * @param filePath the analysed file's path, 1..1024 characters
 * @param fileHash 64 lowercase hex characters
 * @param legacyKey the file's {@code cache_key} lowercased (32 or 64 hex), or null when it had none
 * @param analyzedAt {@code analyzed_at}, or the file's last-modified time when absent; becomes createdAt
 * @param provider 1..64 characters, {@code "unknown"} when absent
 * @param model 1..128 characters
 * @param promptHash at most 128 characters, {@code ""} when absent
 * @param schemaVersion at least 1, 1 when absent
 * @param result the stored JSON value, never a JSON null
 * @param tokensUsed non-negative, or null
 * @param fileSize non-negative, or null
 * @param sourceBytes the legacy file's size in bytes, for the "source size" of the summary
 */
public record LegacyEntry(
        String sourceFile,
        String repoPath,
        String cacheType,
        String filePath,
        String fileHash,
        String legacyKey,
        Instant analyzedAt,
        String provider,
        String model,
        String promptHash,
        int schemaVersion,
        JsonNode result,
        Long tokensUsed,
        Long fileSize,
        long sourceBytes) implements LegacyOutcome {
}
