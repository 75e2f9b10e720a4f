package dev.llmcache.entry.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmcache.pricing.InvalidPricingInputException;
import dev.llmcache.pricing.TokenCounts;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The token counts a store request carries: explicit fields over the provider's usage, and the total stored. */
class StoreTokensTests {

    private static final long MAX = TokenCounts.MAX_TOKENS;

    private static StoreEntryRequest request(Long tokensUsed, Long input, Long output, Long cached, Long written, String usage) {
        JsonNode usageNode = usage == null ? null : JsonMapper.builder().build().readTree(usage);
        return new StoreEntryRequest("refactor", null, "src/main.rs", "x", null, null, "openai", "gpt-4o", null, null,
                JsonMapper.builder().build().readTree("{}"), tokensUsed, input, output, cached, written, usageNode);
    }

    @Test
    void withoutATotalTheStoredTotalIsTheSumOfTheFourCountsEvenAtTheirBounds() {
        TokenCounts largest = StoreTokens.of(request(null, MAX, MAX, MAX, MAX, null));

        assertThat(StoreTokens.total(largest)).isEqualTo(4 * MAX);
        assertThat(StoreTokens.total(StoreTokens.of(request(null, null, 300L, null, null, null)))).isEqualTo(300);
        assertThat(StoreTokens.total(StoreTokens.of(request(null, null, null, null, null, null)))).isZero();
        assertThat(StoreTokens.total(StoreTokens.of(request(7L, 1000L, 500L, null, null, null)))).isEqualTo(7);
    }

    @Test
    void theUsageFillsOnlyTheCountsNotSent() {
        TokenCounts counts = StoreTokens.of(request(null, null, 1L, null, 5L, """
                {"prompt_tokens": 2006, "completion_tokens": 300, "prompt_tokens_details": {"cached_tokens": 1920}}"""));

        assertThat(counts).isEqualTo(new TokenCounts(86L, 1L, 1920L, 5L, null));
        assertThat(StoreTokens.total(counts)).isEqualTo(86 + 1 + 1920 + 5);
        assertThat(StoreTokens.of(request(null, 10L, null, null, null, "null")))
                .isEqualTo(new TokenCounts(10L, null, null, null, null));
    }

    @Test
    void aCountOverTheBoundOrAUsageOfNoShapeIsA400NamingTheField() {
        assertThatThrownBy(() -> StoreTokens.of(request(MAX + 1, null, null, null, null, null)))
                .isInstanceOfSatisfying(InvalidPricingInputException.class, e -> {
                    assertThat(e.getStatusCode().value()).isEqualTo(400);
                    assertThat(e.field()).isEqualTo("tokensUsed");
                });
        assertThatThrownBy(() -> StoreTokens.of(request(null, null, null, MAX + 1, null, null)))
                .isInstanceOfSatisfying(InvalidPricingInputException.class, e -> assertThat(e.field()).isEqualTo("cachedInputTokens"));
        assertThatThrownBy(() -> StoreTokens.of(request(null, null, null, null, null, "{\"tokens\": 1}")))
                .isInstanceOfSatisfying(InvalidPricingInputException.class, e -> assertThat(e.field()).isEqualTo("usage"));
    }
}
