package dev.llmcache.pricing;

import java.math.BigDecimal;

/**
 * What a write would cost, and the row of the table that priced it.
 *
 * @param costNanos the cost in nano-dollars (10^-9 USD), rounded half up
 * @param cacheSavingNanos what the prompt-cache reads saved: the cached input tokens at the input
 *        price minus at the cached-input price, in nano-dollars (0 without cached tokens)
 * @param row the row that matched the provider and model
 */
public record Quote(long costNanos, long cacheSavingNanos, PricingProperties.Row row) {

    /** The cost in US dollars, as the API shows it. */
    public BigDecimal costUsd() {
        return Money.usd(costNanos);
    }
}
