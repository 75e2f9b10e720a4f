package dev.llmcache.budget;

import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;

/** One month of a namespace's history; an item of {@code GET /api/v1/budget/history}. */
@Schema(name = "MonthActivity")
public record MonthActivity(
        @Schema(example = "2026-11") String month,
        @Schema(example = "7.5") BigDecimal spentUsd,
        @Schema(example = "750000") long tokens,
        @Schema(description = "Results stored.", example = "120") long writes,
        @Schema(example = "300") long hits,
        @Schema(example = "100") long misses,
        @Schema(description = "US dollars saved by hits: the costUsd of every entry served on a hit.", example = "1.2") BigDecimal savedUsd,
        @Schema(description = "Input tokens the month's writes read from their provider's prompt cache.", example = "192000")
        long cachedInputTokens,
        @Schema(description = "Input tokens the month's writes wrote to their provider's prompt cache.", example = "30000")
        long cacheWriteTokens,
        @Schema(description = "US dollars the month's prompt-cache reads saved against the full input price "
                + "(cachedInputTokens × (input price − cached-input price), at the prices in force at each write).",
                example = "0.24") BigDecimal promptCacheSavedUsd) {
}
