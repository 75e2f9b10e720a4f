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
        @Schema(example = "1.2") BigDecimal savedUsd) {
}
