package dev.llmcache.pricing;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.math.BigDecimal;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The pricing table under {@code cache.pricing.models}: rows tried in order, the first whose
 * provider and model pattern match prices the tokens. The defaults ship in {@code config/pricing.yml}.
 *
 * @param models the pricing table, rows tried in order; the default is the packaged config/pricing.yml
 */
@Validated
@ConfigurationProperties("cache.pricing")
public record PricingProperties(@NotEmpty List<@Valid Row> models) {

    /** True when some row matches any provider and any model, so every write has a price. */
    @AssertTrue(message = "must end with a fallback row (provider '*', model-pattern '*') that prices unknown models")
    public boolean isFallbackPresent() {
        return models == null || models.stream().anyMatch(Row::isFallback);
    }

    /**
     * One row of the table.
     *
     * @param provider the provider it applies to, case-insensitive, or {@code *} for any
     * @param modelPattern a glob over the model name ({@code *} any run of characters), case-insensitive
     * @param inputPerMillion US dollars per million input tokens
     * @param outputPerMillion US dollars per million output tokens
     */
    public record Row(
            @NotBlank String provider,
            @NotBlank @DefaultValue("*") String modelPattern,
            @NotNull @PositiveOrZero BigDecimal inputPerMillion,
            @NotNull @PositiveOrZero BigDecimal outputPerMillion) {

        boolean isFallback() {
            return "*".equals(provider) && "*".equals(modelPattern);
        }
    }
}
