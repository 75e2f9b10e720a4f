package dev.llmcache.pricing;

import java.math.BigDecimal;

/**
 * What a write would cost, and the row of the table that priced it.
 *
 * @param costNanos the cost in nano-dollars (10^-9 USD), rounded half up
 * @param row the row that matched the provider and model
 */
public record Quote(long costNanos, PricingProperties.Row row) {

    /** The cost in US dollars, as the API shows it. */
    public BigDecimal costUsd() {
        return Money.usd(costNanos);
    }
}
