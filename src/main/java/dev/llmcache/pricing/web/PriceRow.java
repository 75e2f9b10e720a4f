package dev.llmcache.pricing.web;

import dev.llmcache.pricing.PricingProperties;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One row of the pricing table as the API shows it, US dollars per million tokens, with the prices
 * in force for cached input and cache writes (the input price where the row sets none).
 */
@Schema(name = "PriceRow", requiredProperties = {"provider", "modelPattern", "inputPerMillion", "outputPerMillion",
        "cachedInputPerMillion", "cacheWritePerMillion", "asOf"})
record PriceRow(
        @Schema(description = "The provider it applies to, case-insensitive; * for any.", example = "openai")
        String provider,
        @Schema(description = "An exact model name (tried first, case-insensitive) or a pattern where * stands for any run of characters.",
                example = "gpt-4o")
        String modelPattern,
        @Schema(description = "Price of a million uncached input tokens.", example = "2.50")
        BigDecimal inputPerMillion,
        @Schema(description = "Price of a million output tokens (reasoning tokens included).", example = "10.00")
        BigDecimal outputPerMillion,
        @Schema(description = "Price of a million input tokens read from the provider's prompt cache (the input price when the row sets none).",
                example = "1.25")
        BigDecimal cachedInputPerMillion,
        @Schema(description = "Price of a million input tokens written to the provider's prompt cache (the input price when the row sets none).",
                example = "2.50")
        BigDecimal cacheWritePerMillion,
        @Schema(description = "The catalogue's date for rows copied from a provider's price page; null for rows from configuration.",
                example = "2026-09-01", nullable = true)
        LocalDate asOf) {

    static PriceRow of(PricingProperties.Row row) {
        return new PriceRow(row.provider(), row.modelPattern(), row.inputPerMillion(), row.outputPerMillion(),
                row.effectiveCachedInputPerMillion(), row.effectiveCacheWritePerMillion(), row.asOf());
    }
}
