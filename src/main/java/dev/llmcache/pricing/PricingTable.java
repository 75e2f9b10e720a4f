package dev.llmcache.pricing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;

/**
 * Prices tokens from the table in force. A cost is fixed when an entry is written; a reload swaps
 * the whole table at once, so each write is priced by one table or the other, never a mix, and
 * costs already written never change.
 */
@Component
public class PricingTable {

    private static final BigDecimal NANOS_PER_TOKEN_PER_DOLLAR_PER_MILLION = BigDecimal.valueOf(1000);
    private static final BigDecimal TWO = BigDecimal.valueOf(2);
    private static final BigDecimal MAX_NANOS = BigDecimal.valueOf(Long.MAX_VALUE);

    private final AtomicReference<PriceList> table;

    public PricingTable(PricingProperties properties) {
        this.table = new AtomicReference<>(new PriceList(properties.models()));
    }

    /** The table in force, in the order its rows are tried among their kind (exact names, then patterns). */
    public List<PricingProperties.Row> rows() {
        return table.get().rows();
    }

    /** The row that prices a provider's model: an exact name first, then the first matching pattern. */
    public PricingProperties.Row priceOf(String provider, String model) {
        return table.get().priceOf(provider, model);
    }

    /** The fallback row ('*' / '*'), used where no model is known (the budget's token estimate). */
    public PricingProperties.Row fallbackPrice() {
        return table.get().fallback();
    }

    /**
     * What a write with these token counts costs, what its cache reads saved, and the row that
     * priced it. The cost is exact when any of the
     * four counts is known (unknown ones count as 0); else {@code tokensUsed} split half input, half
     * output; no tokens at all cost 0.
     *
     * @throws InvalidTokenCountException when a count is negative or over {@link TokenCounts#MAX_TOKENS}
     */
    public Quote quote(String provider, String model, TokenCounts counts) {
        counts.requireWithinBounds();
        PricingProperties.Row row = priceOf(provider, model);
        BigDecimal cost;
        if (counts.exact()) {
            cost = nanos(row.inputPerMillion(), counts.inputTokens())
                    .add(nanos(row.outputPerMillion(), counts.outputTokens()))
                    .add(nanos(row.effectiveCachedInputPerMillion(), counts.cachedInputTokens()))
                    .add(nanos(row.effectiveCacheWritePerMillion(), counts.cacheWriteTokens()));
        } else {
            cost = nanos(row.inputPerMillion().add(row.outputPerMillion()), counts.tokensUsed()).divide(TWO);
        }
        BigDecimal saving = nanos(row.inputPerMillion().subtract(row.effectiveCachedInputPerMillion()), counts.cachedInputTokens());
        return new Quote(exactNanos(cost, provider, model), exactNanos(saving, provider, model), row);
    }

    /**
     * The cost in nano-dollars from input, output and total tokens, as before cached tokens existed.
     *
     * @see #quote(String, String, TokenCounts)
     */
    public long costNanos(String provider, String model, Long inputTokens, Long outputTokens, long tokensUsed) {
        // With exact counts the total plays no part in the cost (and, being their sum, may exceed the bound of one count).
        Long total = inputTokens == null && outputTokens == null ? tokensUsed : null;
        return quote(provider, model, new TokenCounts(inputTokens, outputTokens, null, null, total)).costNanos();
    }

    /** Puts a new table in force for the writes that follow. */
    void replace(PricingProperties properties) {
        table.set(new PriceList(properties.models()));
    }

    private static long exactNanos(BigDecimal nanos, String provider, String model) {
        BigDecimal rounded = nanos.setScale(0, RoundingMode.HALF_UP);
        if (rounded.abs().compareTo(MAX_NANOS) > 0) {
            // Unreachable with a validated table (prices and counts are bounded); never wrap around.
            throw new ArithmeticException("cost of " + rounded + " nano-dollars for " + provider + "/" + model
                    + " does not fit in a long");
        }
        return rounded.longValueExact();
    }

    private static BigDecimal nanos(BigDecimal dollarsPerMillion, Long tokens) {
        if (tokens == null || tokens == 0) {
            return BigDecimal.ZERO;
        }
        return dollarsPerMillion.multiply(NANOS_PER_TOKEN_PER_DOLLAR_PER_MILLION).multiply(BigDecimal.valueOf(tokens));
    }
}
