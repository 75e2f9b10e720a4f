package dev.llmcache.budget;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcache.pricing.Money;
import dev.llmcache.pricing.PricingProperties;
import dev.llmcache.pricing.PricingTable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The budget's arithmetic, on fixed numbers: no database, a fixed instant. */
class BudgetServiceTests {

    private static final Instant MID_NOVEMBER = Instant.parse("2026-11-16T00:00:00Z");
    private static final YearMonth NOVEMBER = YearMonth.of(2026, 11);

    private final BudgetService service = new BudgetService(null, null, new BudgetProperties(new BigDecimal("3.00"), 0.75, 0.90, false),
            new PricingTable(new PricingProperties(List.of(
                    new PricingProperties.Row("*", "*", new BigDecimal("5"), new BigDecimal("15"))))), null, null);

    private BudgetStatus status(String spent, String budget) {
        return service.status("default", new BudgetSettings(Money.nanos(new BigDecimal(budget)), 0.75, 0.90),
                new MonthTotals(NOVEMBER, Money.nanos(new BigDecimal(spent)), 0, 0, 0, 0, 0), MID_NOVEMBER);
    }

    @Test
    void budgetWarnsAtSeventyFivePercent() {
        BudgetStatus status = status("7.50", "10.00");
        assertThat(status.status()).isEqualTo(BudgetLevel.WARNING);
        assertThat(status.emoji()).isEqualTo("⚠️");
        assertThat(status.message()).isEqualTo("Budget Warning: $7.50 / $10.00 (75.0%)");
        assertThat(status.percentUsed()).isEqualTo(75.0);
    }

    @Test
    void justBelowTheWarningThresholdIsOk() {
        BudgetStatus status = status("7.499999999", "10.00");
        assertThat(status.status()).isEqualTo(BudgetLevel.OK);
        assertThat(status.emoji()).isEqualTo("✅");
        assertThat(status.message()).isEqualTo("Budget OK: $7.50 / $10.00 (75.0%)");
    }

    @Test
    void budgetAlertsExactlyAtNinetyPercent() {
        assertThat(status("8.999999999", "10.00").status()).isEqualTo(BudgetLevel.WARNING);
        BudgetStatus status = status("9.00", "10.00");
        assertThat(status.status()).isEqualTo(BudgetLevel.ALERT);
        assertThat(status.emoji()).isEqualTo("🔶");
        assertThat(status.message()).isEqualTo("Budget Alert: $9.00 / $10.00 (90.0%)");
    }

    @Test
    void budgetIsExceededExactlyAtOneHundredPercent() {
        assertThat(status("9.999999999", "10.00").status()).isEqualTo(BudgetLevel.ALERT);
        BudgetStatus status = status("10.00", "10.00");
        assertThat(status.status()).isEqualTo(BudgetLevel.EXCEEDED);
        assertThat(status.emoji()).isEqualTo("🚨");
        assertThat(status.message()).isEqualTo("Budget Exceeded: $10.00 / $10.00 (100.0%)");
        assertThat(status.remainingUsd()).isEqualByComparingTo("0");
        assertThat(status.estimatedTokensRemaining()).isZero();
    }

    @Test
    void remainingDollarsBuyTokensAtTheMeanFallbackPrice() {
        BudgetStatus status = status("0.50", "3.00");
        assertThat(status.remainingUsd()).isEqualByComparingTo("2.50");
        // $2.50 at ($5 + $15) / 2 = $10 per million tokens
        assertThat(status.estimatedTokensRemaining()).isEqualTo(250_000);
    }

    @Test
    void projectionExtrapolatesTheSpendSoFarToTheMonthEnd() {
        // Half of November (15 of 30 days) gone: $1.00 so far projects to $2.00.
        assertThat(status("1.00", "3.00").projectedMonthEndUsd()).isEqualByComparingTo("2.00");
    }

    @Test
    void projectionOnTheFirstDayCountsAWholeDay() {
        BudgetStatus status = service.status("default", new BudgetSettings(3_000_000_000L, 0.75, 0.90),
                new MonthTotals(NOVEMBER, 100_000_000L, 0, 0, 0, 0, 0), Instant.parse("2026-11-01T00:30:00Z"));
        assertThat(status.projectedMonthEndUsd()).isEqualByComparingTo("3.00"); // $0.10 a day for 30 days
    }
}
