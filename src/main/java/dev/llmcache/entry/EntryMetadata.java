package dev.llmcache.entry;

import dev.llmcache.pricing.Money;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.Instant;

/** Everything the server knows about a stored result, except the result itself. */
@Schema(name = "EntryMetadata", description = "A stored result's metadata (everything but the result).")
public record EntryMetadata(
        @Schema(description = "The cache key: lowercase hex SHA-256 of cacheType, model, fileHash, promptHash and schemaVersion joined by newlines.",
                example = "418d86e733a8407ab60d27c56874b2ea50d8d0ae60b16c1382c0fe145fa837d7") String cacheKey,
        @Schema(description = "The key the legacy JSON cache used, for imported entries; null otherwise.",
                nullable = true, example = "null") String legacyKey,
        @Schema(description = "The namespace the entry belongs to.", example = "default") String namespace,
        @Schema(description = "The kind of analysis.", example = "refactor") String cacheType,
        @Schema(description = "The repository the file was analysed in (not part of the key).", example = "/home/ana/proj") String repoPath,
        @Schema(description = "The analysed file's path (not part of the key).", example = "src/main.rs") String filePath,
        @Schema(description = "Lowercase hex SHA-256 of the file's UTF-8 content.",
                example = "ef32637cb9c3ec2e3968c9cbdf26a5e9c172be94f88af533e14bd43f892d5297") String fileHash,
        @Schema(description = "The LLM provider (not part of the key).", example = "xai") String provider,
        @Schema(description = "The model that produced the result.", example = "grok-beta") String model,
        @Schema(description = "Hash of the prompt template, empty when none.", example = "") String promptHash,
        @Schema(description = "Version of the result's schema.", example = "1") int schemaVersion,
        @Schema(description = "Tokens the analysis cost: as sent, or the sum of inputTokens, outputTokens, cachedInputTokens and cacheWriteTokens, or 0.",
                example = "5420") long tokensUsed,
        @Schema(description = "Uncached input tokens, as sent or read from the provider's usage; null when unknown.", nullable = true,
                example = "4000") Long inputTokens,
        @Schema(description = "Output tokens (reasoning included), as sent or read from the provider's usage; null when unknown.",
                nullable = true, example = "1420") Long outputTokens,
        @Schema(description = "Input tokens read from the provider's prompt cache; null when unknown.", nullable = true,
                example = "0") Long cachedInputTokens,
        @Schema(description = "Input tokens written to the provider's prompt cache; null when unknown.", nullable = true,
                example = "0") Long cacheWriteTokens,
        @Schema(description = "US dollars the analysis cost, fixed from the pricing table when it was written.", example = "0.0413") BigDecimal costUsd,
        @Schema(description = "Size of the analysed file in bytes, when known.", nullable = true, example = "12") Long fileSize,
        @Schema(description = "Size of the result's serialized JSON in bytes.", example = "1893") long resultBytes,
        @Schema(description = "Size of the compressed result as stored, in bytes.", example = "702") long storedBytes,
        @Schema(description = "When the result was stored (or analysed, for imported entries).", example = "2026-11-21T08:15:00Z") Instant createdAt,
        @Schema(description = "When the result was last served; may lag by cache.access-flush-interval.", example = "2026-11-21T09:02:11Z") Instant lastAccessedAt,
        @Schema(description = "How often the result was served; may lag by cache.access-flush-interval.", example = "3") long accessCount,
        @Schema(description = "The name of the token that stored it; null when anonymous or imported.", nullable = true,
                example = "ci-main") String writtenBy) {

    /** The metadata of a result just written: nothing has read it yet. */
    static EntryMetadata written(NewEntry entry, long costNanos, String legacyKey) {
        KeyFactors factors = entry.factors();
        EncodedResult result = entry.result();
        return new EntryMetadata(factors.cacheKey(), legacyKey, entry.namespace(), factors.cacheType(),
                entry.repoPath(), entry.filePath(), factors.fileHash(), entry.provider(), factors.model(),
                factors.promptHash(), factors.schemaVersion(), entry.tokensUsed(), entry.inputTokens(),
                entry.outputTokens(), entry.cachedInputTokens(), entry.cacheWriteTokens(), Money.usd(costNanos),
                entry.fileSize(), result.resultBytes(), result.storedBytes(), entry.createdAt(), entry.createdAt(), 0,
                entry.writtenBy());
    }

    /** The same metadata with accesses not yet written to the database added (they are flushed in batches). */
    public EntryMetadata withAccesses(long moreAccesses, Instant lastAccess) {
        Instant last = lastAccess.isAfter(lastAccessedAt) ? lastAccess : lastAccessedAt;
        return new EntryMetadata(cacheKey, legacyKey, namespace, cacheType, repoPath, filePath, fileHash, provider,
                model, promptHash, schemaVersion, tokensUsed, inputTokens, outputTokens, cachedInputTokens, cacheWriteTokens,
                costUsd, fileSize, resultBytes, storedBytes, createdAt, last, accessCount + moreAccesses, writtenBy);
    }
}
