package dev.llmcache.pricing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Prices tokens from the configured table. Costs are fixed when an entry is written: a change of
 * the table only affects later writes.
 */
@Component
public class PricingTable {

    private static final BigDecimal NANOS_PER_DOLLAR_PER_MILLION = BigDecimal.valueOf(1000);
    private static final BigDecimal TWO = BigDecimal.valueOf(2);

    private final List<CompiledRow> rows;

    public PricingTable(PricingProperties properties) {
        this.rows = properties.models().stream().map(CompiledRow::new).toList();
    }

    /** The table in force, in matching order. */
    public List<PricingProperties.Row> rows() {
        return rows.stream().map(CompiledRow::row).toList();
    }

    /** The row that prices a provider's model. */
    public PricingProperties.Row priceOf(String provider, String model) {
        return rows.stream().filter(r -> r.matches(provider, model)).findFirst()
                .orElseThrow(() -> new IllegalStateException("pricing table has no fallback row")).row();
    }

    /** The fallback price, used where no model is known (the budget's token estimate). */
    public PricingProperties.Row fallbackPrice() {
        return priceOf("", "");
    }

    /**
     * The cost in nano-dollars: exact when input or output tokens are known, else {@code tokensUsed}
     * split half input, half output.
     */
    public long costNanos(String provider, String model, Long inputTokens, Long outputTokens, long tokensUsed) {
        PricingProperties.Row price = priceOf(provider, model);
        BigDecimal inputNanos = price.inputPerMillion().multiply(NANOS_PER_DOLLAR_PER_MILLION);
        BigDecimal outputNanos = price.outputPerMillion().multiply(NANOS_PER_DOLLAR_PER_MILLION);
        BigDecimal cost;
        if (inputTokens != null || outputTokens != null) {
            cost = inputNanos.multiply(BigDecimal.valueOf(inputTokens == null ? 0 : inputTokens))
                    .add(outputNanos.multiply(BigDecimal.valueOf(outputTokens == null ? 0 : outputTokens)));
        } else {
            cost = inputNanos.add(outputNanos).multiply(BigDecimal.valueOf(tokensUsed)).divide(TWO);
        }
        return cost.setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    private record CompiledRow(PricingProperties.Row row, Pattern model) {

        CompiledRow(PricingProperties.Row row) {
            this(row, glob(row.modelPattern()));
        }

        boolean matches(String provider, String modelName) {
            return ("*".equals(row.provider()) || row.provider().equalsIgnoreCase(provider))
                    && model.matcher(modelName.toLowerCase(Locale.ROOT)).matches();
        }

        private static Pattern glob(String glob) {
            return Pattern.compile(Arrays.stream(glob.toLowerCase(Locale.ROOT).split("\\*", -1))
                    .map(Pattern::quote).collect(Collectors.joining(".*")));
        }
    }
}
