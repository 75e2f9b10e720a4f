package dev.llmcache.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class MoneyTests {

    @Test
    void nanosBecomeDollarsWithoutTrailingZeros() {
        assertThat(Money.usd(50_000_000L)).isEqualByComparingTo("0.05").hasToString("0.05");
        assertThat(Money.usd(0)).hasToString("0");
        assertThat(Money.usd(3_000_000_000L)).hasToString("3");
        assertThat(Money.usd(500).toPlainString()).isEqualTo("0.0000005");
    }

    @Test
    void dollarsBecomeNanos() {
        assertThat(Money.nanos(new BigDecimal("7.50"))).isEqualTo(7_500_000_000L);
        assertThat(Money.nanos(new BigDecimal("0.0000000004"))).isZero();
    }

    @Test
    void formatsForTerminals() {
        assertThat(Money.format(7_500_000_000L)).isEqualTo("$7.50");
        assertThat(Money.format(10_000_000_000L)).isEqualTo("$10.00");
        assertThat(Money.formatPrecise(50_000_000L)).isEqualTo("$0.0500");
    }
}
