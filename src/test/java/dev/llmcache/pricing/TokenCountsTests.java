package dev.llmcache.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TokenCountsTests {

    @Test
    void tokensUsedIsTheSumOfTheFourCountsWhenNotSent() {
        assertThat(new TokenCounts(100L, 20L, 3L, 4L, null).tokensUsed()).isEqualTo(127L);
        assertThat(new TokenCounts(100L, null, null, null, null).tokensUsed()).isEqualTo(100L);
        assertThat(new TokenCounts(100L, 20L, 3L, 4L, 5000L).tokensUsed()).as("as sent").isEqualTo(5000L);
        assertThat(TokenCounts.NONE.tokensUsed()).isNull();
        assertThat(TokenCounts.total(42L).tokensUsed()).isEqualTo(42L);
    }

    @Test
    void countsAreExactWhenAnyOfTheFourIsKnown() {
        assertThat(new TokenCounts(1L, null, null, null, null).exact()).isTrue();
        assertThat(new TokenCounts(null, 1L, null, null, null).exact()).isTrue();
        assertThat(new TokenCounts(null, null, 1L, null, null).exact()).isTrue();
        assertThat(new TokenCounts(null, null, null, 1L, null).exact()).isTrue();
        assertThat(TokenCounts.total(1000L).exact()).isFalse();
        assertThat(TokenCounts.NONE.exact()).isFalse();
    }

    @Test
    void explicitCountsWinOverMappedOnes() {
        TokenCounts fromUsage = new TokenCounts(900L, 300L, 100L, 50L, null);
        TokenCounts explicit = new TokenCounts(1000L, null, null, 0L, null);
        assertThat(explicit.over(fromUsage)).isEqualTo(new TokenCounts(1000L, 300L, 100L, 0L, null));
        assertThat(TokenCounts.total(7L).over(fromUsage).tokensUsed()).isEqualTo(7L);
        assertThat(TokenCounts.NONE.over(fromUsage)).isEqualTo(fromUsage);
    }

    @Test
    void boundsAreZeroToTenToTheTwelfth() {
        long max = TokenCounts.MAX_TOKENS;
        assertThat(max).isEqualTo(1_000_000_000_000L);
        TokenCounts largest = new TokenCounts(max, max, max, max, max);
        assertThat(largest.requireWithinBounds()).isSameAs(largest);
        assertThat(new TokenCounts(max, max, max, max, null).tokensUsed()).isEqualTo(4 * max);
        assertThatThrownBy(() -> new TokenCounts(null, max + 1, null, null, null).requireWithinBounds())
                .isInstanceOfSatisfying(InvalidTokenCountException.class, e -> {
                    assertThat(e.field()).isEqualTo("outputTokens");
                    assertThat(e.getStatusCode().value()).isEqualTo(400);
                    assertThat(e.getBody().getProperties()).containsKey("errors");
                });
        assertThatThrownBy(() -> new TokenCounts(-1L, null, null, null, null).requireWithinBounds())
                .isInstanceOf(InvalidTokenCountException.class).hasMessageContaining("inputTokens");
    }

    @Test
    void aTotalThatWouldOverflowThrowsInsteadOfWrapping() {
        assertThatThrownBy(() -> new TokenCounts(Long.MAX_VALUE, 1L, null, null, null).tokensUsed())
                .isInstanceOf(ArithmeticException.class);
    }
}
