package dev.llmcache.pricing;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.validation.annotation.Validated;

/**
 * The pricing table under {@code cache.pricing.models}: exact model names first, then patterns in
 * order; the first row whose provider and model match prices the tokens. The default table (a dated
 * catalogue followed by per-provider fallback rows) ships in {@code config/pricing.yml}.
 *
 * @param models the rows of the table; one of them must match any provider and any model
 */
@Validated
@ConfigurationProperties("cache.pricing")
public record PricingProperties(@NotEmpty @Size(max = MAX_ROWS) List<@Valid @NotNull Row> models) {

    /** More rows than any real table needs; the bound keeps a mistaken file from costing memory on every write. */
    public static final int MAX_ROWS = 10_000;

    /**
     * The highest price a row may give, in US dollars per million tokens (the dearest list price
     * today is well under it). With token counts bounded by {@link TokenCounts#MAX_TOKENS}, the cost
     * of one entry then always fits in a long of nano-dollars.
     */
    public static final String MAX_PRICE_PER_MILLION = "1000";

    /** True when some row matches any provider and any model, so every write has a price. */
    @AssertTrue(message = "must include a fallback row (provider '*', model-pattern '*') that prices unknown models")
    public boolean isFallbackPresent() {
        return models == null || models.stream().anyMatch(row -> row != null && row.isFallback());
    }

    /**
     * One row of the table: US dollars per million tokens of each kind.
     *
     * @param provider the provider it applies to, case-insensitive, or {@code *} for any
     * @param modelPattern the model name, case-insensitive: an exact name, or a pattern where {@code *}
     *        stands for any run of characters
     * @param inputPerMillion price of a million uncached input tokens
     * @param outputPerMillion price of a million output tokens (reasoning tokens included)
     * @param cachedInputPerMillion price of a million input tokens read from the provider's prompt
     *        cache; the input price when not set
     * @param cacheWritePerMillion price of a million input tokens written to the provider's prompt
     *        cache; the input price when not set
     * @param asOf the date of the published price this row copies (the catalogue's date); none for
     *        rows an operator wrote
     */
    public record Row(
            @NotBlank @Size(max = 64) String provider,
            @NotBlank @Size(max = 128) @DefaultValue("*") String modelPattern,
            @NotNull @PositiveOrZero @DecimalMax(MAX_PRICE_PER_MILLION) BigDecimal inputPerMillion,
            @NotNull @PositiveOrZero @DecimalMax(MAX_PRICE_PER_MILLION) BigDecimal outputPerMillion,
            @PositiveOrZero @DecimalMax(MAX_PRICE_PER_MILLION) BigDecimal cachedInputPerMillion,
            @PositiveOrZero @DecimalMax(MAX_PRICE_PER_MILLION) BigDecimal cacheWritePerMillion,
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf) {

        /** Binding uses this (canonical) constructor, not the short one below. */
        @ConstructorBinding
        public Row {
        }

        /** A row with input and output prices only, as the seed's per-provider rows. */
        public Row(String provider, String modelPattern, BigDecimal inputPerMillion, BigDecimal outputPerMillion) {
            this(provider, modelPattern, inputPerMillion, outputPerMillion, null, null, null);
        }

        /** The cached-input price in force: the row's, else the input price. */
        public BigDecimal effectiveCachedInputPerMillion() {
            return cachedInputPerMillion != null ? cachedInputPerMillion : inputPerMillion;
        }

        /** The cache-write price in force: the row's, else the input price. */
        public BigDecimal effectiveCacheWritePerMillion() {
            return cacheWritePerMillion != null ? cacheWritePerMillion : inputPerMillion;
        }

        boolean isFallback() {
            return "*".equals(provider) && modelPattern != null && !modelPattern.isEmpty() && modelPattern.chars().allMatch(c -> c == '*');
        }
    }
}
