package dev.llmcache.stats;

import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.util.List;

/** What a namespace's cache holds, what it cost and what it saved; the body of {@code GET /api/v1/stats}. */
@Schema(name = "Stats")
public record StatsReport(
        @Schema(example = "default") String namespace,
        @Schema(description = "Entries stored.", example = "1234") long totalEntries,
        @Schema(description = "Tokens the stored entries cost.", example = "5420000") long totalTokens,
        @Schema(description = "Sum of the analysed files' sizes, in bytes.", example = "45600000") long totalFileSize,
        @Schema(description = "Sum of the results' JSON sizes, in bytes.", example = "12300000") long totalResultBytes,
        @Schema(description = "Sum of the compressed results' sizes, in bytes: the results alone, not what the database "
                + "takes on disk (see databaseBytesOnDisk).", example = "3100000") long totalStoredBytes,
        @Schema(description = "How much compression of the results saves: 100 × (1 − totalStoredBytes / "
                + "totalResultBytes); 0 when empty. Not a saving on disk: rows and indices are not counted.",
                example = "74.8") double spaceSavedPercent,
        @Schema(description = "Bytes the whole database takes on disk now, all namespaces, rows, indices and results "
                + "included (SQLite: the file and its WAL; PostgreSQL: the cache's tables with their indices and "
                + "TOAST).", example = "9800000") long databaseBytesOnDisk,
        @Schema(description = "US dollars the stored entries cost (sum of costUsd).", example = "54.2") BigDecimal estimatedCostUsd,
        @Schema(description = "Lookups answered with a result (200 or 304).", example = "300") long hits,
        @Schema(description = "Lookups answered 404.", example = "100") long misses,
        @Schema(description = "hits / (hits + misses), 0 when there were no lookups.", example = "0.75") double hitRate,
        @Schema(description = "US dollars saved: the costUsd of every entry served on a hit, added up.", example = "12.34") BigDecimal savedCostUsd,
        @Schema(description = "US dollars paid twice: the cost of every store under a key that already held an entry, added up.", example = "0.1") BigDecimal duplicateSpendUsd,
        @Schema(description = "Per cache type. Misses by key, whose cache type is unknown, count in the totals only.") List<TypeRow> byType,
        @Schema(description = "Per provider and model.") List<ModelRow> byModel,
        @Schema(description = "The providers' prompt caching, over every write recorded in the namespace's ledger "
                + "(entries since deleted, cleared or evicted included).") PromptCache promptCache,
        @Schema(description = "The stored results split by how their frame was compressed: with their kind's zstd "
                + "dictionary (trained per namespace and cache type), or alone. The two parts add up to totalEntries, "
                + "totalResultBytes and totalStoredBytes. Results alone, not the database on disk.") Compression compression) {

    /** The stored results compressed with a dictionary, and without. */
    @Schema(name = "StatsCompression")
    public record Compression(
            @Schema(description = "Results whose frame was compressed with their kind's zstd dictionary.") Part withDictionary,
            @Schema(description = "Results whose frame was compressed alone (stored before their kind had a dictionary, "
                    + "and not re-compressed yet; or of a kind with too few results for one).") Part withoutDictionary) {
    }

    /** One part of the stored results: how many, their JSON's bytes, their frames' bytes and the ratio of the two. */
    @Schema(name = "StatsCompressionPart")
    public record Part(
            @Schema(description = "Entries in this part.", example = "1000") long entries,
            @Schema(description = "Their results' JSON sizes added up, in bytes.", example = "1400000") long resultBytes,
            @Schema(description = "Their compressed frames' sizes added up, in bytes.", example = "310000") long storedBytes,
            @Schema(description = "100 × storedBytes / resultBytes: the frames' size as a percentage of the JSON (smaller is "
                    + "better); 0 when the part is empty.", example = "22.1") double storedPercent) {

        static Part of(long entries, long resultBytes, long storedBytes) {
            return new Part(entries, resultBytes, storedBytes, resultBytes == 0 ? 0 : 100.0 * storedBytes / resultBytes);
        }
    }

    /**
     * The providers' prompt caching reported by the writes: tokens read from and written to the
     * provider's cache, and what the reads saved against the full input price.
     */
    @Schema(name = "StatsPromptCache")
    public record PromptCache(
            @Schema(description = "Input tokens the writes read from their provider's prompt cache (cachedInputTokens added up).",
                    example = "192000") long cachedInputTokens,
            @Schema(description = "Input tokens the writes wrote to their provider's prompt cache (cacheWriteTokens added up).",
                    example = "30000") long cacheWriteTokens,
            @Schema(description = "US dollars the cache reads saved: each write's cachedInputTokens × (input price − cached-input "
                    + "price), at the prices in force when it was written. Part of no other figure: the spend already counts "
                    + "the cheaper price.", example = "0.24") BigDecimal savedUsd) {

        public static final PromptCache NONE = new PromptCache(0, 0, BigDecimal.ZERO);
    }

    /** One cache type's figures. */
    @Schema(name = "StatsByType")
    public record TypeRow(@Schema(example = "refactor") String cacheType, long entries, long tokens,
            @Schema(example = "40.0") BigDecimal costUsd, long storedBytes, long hits, long misses) {
    }

    /** One model's figures. */
    @Schema(name = "StatsByModel")
    public record ModelRow(@Schema(example = "xai") String provider, @Schema(example = "grok-beta") String model,
            long entries, long tokens, @Schema(example = "40.0") BigDecimal costUsd) {
    }
}
