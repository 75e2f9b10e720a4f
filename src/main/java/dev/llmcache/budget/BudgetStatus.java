package dev.llmcache.budget;

import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;

/** Where a namespace stands against its budget this UTC month; the body of {@code GET /api/v1/budget}. */
@Schema(name = "BudgetStatus")
public record BudgetStatus(
        @Schema(example = "default") String namespace,
        @Schema(description = "The current UTC month.", example = "2026-11") String month,
        @Schema(example = "10.0") BigDecimal monthlyBudgetUsd,
        @Schema(example = "0.75") double warningThreshold,
        @Schema(example = "0.9") double alertThreshold,
        @Schema(description = "Cost of everything written this month, including entries since evicted, deleted or cleared.", example = "7.5") BigDecimal spentUsd,
        @Schema(description = "100 × spent / budget.", example = "75.0") double percentUsed,
        @Schema(example = "WARNING") BudgetLevel status,
        @Schema(example = "⚠️") String emoji,
        @Schema(example = "Budget Warning: $7.50 / $10.00 (75.0%)") String message,
        @Schema(description = "Budget minus spend, never below 0.", example = "2.5") BigDecimal remainingUsd,
        @Schema(description = "Tokens the remaining dollars buy at the mean of the fallback (xai) input and output price.", example = "250000") long estimatedTokensRemaining,
        @Schema(description = "Dollars saved by hits this month.", example = "1.2") BigDecimal savedUsd,
        @Schema(description = "Dollars paid twice this month: the cost of stores under a key that already held an entry (included in spentUsd).", example = "0.05") BigDecimal duplicateSpendUsd,
        @Schema(description = "This month's spend extrapolated to the month's end (from at least one elapsed day).", example = "15.5") BigDecimal projectedMonthEndUsd) {
}
