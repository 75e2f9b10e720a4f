package dev.llmcache.pricing.web;

import dev.llmcache.pricing.Quote;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;

/**
 * What a store with the given figures would cost, and the row that priced it.
 *
 * @param costUsd the cost in US dollars, as a store would fix it
 * @param row the pricing row that matched
 */
@Schema(requiredProperties = {"costUsd", "row"})
record QuoteResponse(@Schema(example = "0.0075") BigDecimal costUsd, PriceRow row) {

    static QuoteResponse of(Quote quote) {
        return new QuoteResponse(quote.costUsd(), PriceRow.of(quote.row()));
    }
}
