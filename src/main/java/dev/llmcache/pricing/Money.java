package dev.llmcache.pricing;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Money is kept as whole nano-dollars (10^-9 USD) so that sums over millions of entries stay
 * exact; this converts to and from the dollars the API shows.
 */
public final class Money {

    private static final int NANOS_SCALE = 9;

    private Money() {
    }

    /** Nano-dollars as dollars, without trailing zeros (0.05, not 0.050000000). */
    public static BigDecimal usd(long nanos) {
        BigDecimal usd = BigDecimal.valueOf(nanos, NANOS_SCALE).stripTrailingZeros();
        return usd.scale() < 0 ? usd.setScale(0) : usd;
    }

    /** Dollars as nano-dollars, rounded half up. */
    public static long nanos(BigDecimal usd) {
        return usd.setScale(NANOS_SCALE, RoundingMode.HALF_UP).unscaledValue().longValueExact();
    }

    /** A terminal-friendly amount: {@code $7.50}. */
    public static String format(long nanos) {
        return "$" + BigDecimal.valueOf(nanos, NANOS_SCALE).setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    /** A small amount with four decimals, as the old tool printed costs: {@code $0.0500}. */
    public static String formatPrecise(long nanos) {
        return "$" + BigDecimal.valueOf(nanos, NANOS_SCALE).setScale(4, RoundingMode.HALF_UP).toPlainString();
    }
}
