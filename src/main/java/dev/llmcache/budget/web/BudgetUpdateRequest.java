package dev.llmcache.budget.web;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;

/** The body of {@code PUT /api/v1/budget}; thresholds left out keep their current values. */
@Schema(name = "BudgetUpdate", description = "A new budget; 0 < warningThreshold < alertThreshold <= 1.")
record BudgetUpdateRequest(
        @Schema(description = "US dollars per UTC month, > 0: from 0.000000001 (one nano-dollar, the unit spend is counted in) "
                + "to 1000000000.", example = "10.0", requiredMode = Schema.RequiredMode.REQUIRED)
        @NotNull(message = "is required")
        @DecimalMin(value = MIN_USD, message = "must be > 0: at least " + MIN_USD + " (one nano-dollar) and at most " + MAX_USD)
        @DecimalMax(value = MAX_USD, message = "must be at most " + MAX_USD + " (US dollars per month)") BigDecimal monthlyBudgetUsd,
        @Schema(description = "Share of the budget at which the status turns WARNING.", example = "0.75")
        @DecimalMin(value = "0", inclusive = false, message = "must be > 0 and < alertThreshold")
        @DecimalMax(value = "1", message = "must be <= 1") Double warningThreshold,
        @Schema(description = "Share of the budget at which the status turns ALERT.", example = "0.9")
        @DecimalMin(value = "0", inclusive = false, message = "must be > warningThreshold and <= 1")
        @DecimalMax(value = "1", message = "must be <= 1") Double alertThreshold) {

    /** Spend is counted in whole nano-dollars: a smaller budget would be $0, and every status a division by zero. */
    static final String MIN_USD = "0.000000001";
    /** A billion dollars a month: with the bounds on token counts, every budget figure stays exact. */
    static final String MAX_USD = "1000000000";
}
