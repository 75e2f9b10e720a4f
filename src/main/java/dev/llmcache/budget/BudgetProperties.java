package dev.llmcache.budget;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import dev.llmcache.pricing.Money;
import java.math.BigDecimal;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * A namespace's budget until it is changed through {@code PUT /api/v1/budget}.
 *
 * @param monthlyUsd US dollars a namespace may spend per UTC month
 * @param warningThreshold share of the budget at which the status turns WARNING
 * @param alertThreshold share of the budget at which the status turns ALERT
 * @param enforce refuse leases (402) in a namespace whose budget is exceeded
 */
@Validated
@ConfigurationProperties("cache.budget")
public record BudgetProperties(
        @NotNull @Positive @DefaultValue("3.00") BigDecimal monthlyUsd,
        @DefaultValue("0.75") double warningThreshold,
        @DefaultValue("0.90") double alertThreshold,
        @DefaultValue("false") boolean enforce) {

    /** The thresholds must satisfy 0 &lt; warning &lt; alert &lt;= 1. */
    @AssertTrue(message = "cache.budget.warning-threshold and cache.budget.alert-threshold must satisfy 0 < warning < alert <= 1")
    public boolean isThresholdsOrdered() {
        return BudgetSettings.thresholdsValid(warningThreshold, alertThreshold);
    }

    BudgetSettings settings() {
        return new BudgetSettings(Money.nanos(monthlyUsd), warningThreshold, alertThreshold);
    }
}
