package dev.llmcache.ledger;

/**
 * Sums of what hits saved, in nano-dollars, that stop at the most a 64-bit count holds instead of
 * wrapping round to a negative figure: each hit adds its entry's cost, and nothing bounds how often
 * an entry is hit, so a sum at {@link #MAX_NANOS} reads "at least that much". Savings are never
 * negative, which is what makes the saturating addition below exact up to the ceiling.
 */
public final class Savings {

    /** The most a savings figure counts: $9,223,372,036.854775807. */
    public static final long MAX_NANOS = Long.MAX_VALUE;

    private static final long NANOS_PER_USD = 1_000_000_000L;

    /**
     * {@code sum = sum + added} in SQL, stopping at {@link #MAX_NANOS}: the comparison comes before
     * the addition, since SQLite's {@code +} turns an overflowing sum into an inexact float and
     * PostgreSQL's fails (SQLSTATE 22003), which would stop every later flush of hits.
     */
    public static String clampedSql(String sum, String added) {
        return "CASE WHEN %1$s > %3$d - %2$s THEN %3$d ELSE %1$s + %2$s END".formatted(sum, added, MAX_NANOS);
    }

    private Savings() {
    }

    /** {@code a + b} for savings (both at least 0), saturating at {@link #MAX_NANOS} rather than overflowing. */
    public static long add(long a, long b) {
        return a > MAX_NANOS - b ? MAX_NANOS : a + b;
    }

    /**
     * Puts back together a sum that SQL added up in two parts that cannot overflow, whole dollars
     * ({@code sum(x / 1000000000)}) and the nano-dollars left over ({@code sum(x % 1000000000)}),
     * saturating at {@link #MAX_NANOS}: several rows each at the ceiling must not make the sum fail.
     */
    public static long fromParts(long wholeUsd, long remainderNanos) {
        if (wholeUsd > (MAX_NANOS - remainderNanos) / NANOS_PER_USD) {
            return MAX_NANOS;
        }
        return wholeUsd * NANOS_PER_USD + remainderNanos;
    }

    /** The two SQL sums {@link #fromParts} takes, of column {@code column}, named {@code <alias>_usd} and {@code <alias>_rest}. */
    public static String partsSql(String column, String alias) {
        return "sum(%1$s / %3$d) AS %2$s_usd, sum(%1$s %% %3$d) AS %2$s_rest".formatted(column, alias, NANOS_PER_USD);
    }
}
