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
        @Schema(description = "Per cache type. Misses by key, whose cache type is unknown, count in the totals only.") List<TypeRow> byType,
        @Schema(description = "Per provider and model.") List<ModelRow> byModel) {

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
