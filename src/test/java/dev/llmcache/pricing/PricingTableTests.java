package dev.llmcache.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.FileSystemResource;

class PricingTableTests {

    /** The table that ships, read from config/pricing.yml as the server reads it. */
    static PricingTable shippedTable() throws Exception {
        return new PricingTable(shippedProperties());
    }

    static PricingProperties shippedProperties() throws Exception {
        StandardEnvironment environment = new StandardEnvironment();
        new YamlPropertySourceLoader().load("pricing", new FileSystemResource("config/pricing.yml"))
                .forEach(environment.getPropertySources()::addLast);
        return Binder.get(environment).bind("cache.pricing", PricingProperties.class).get();
    }

    private static PricingProperties.Row row(String provider, String model, String input, String output) {
        return new PricingProperties.Row(provider, model, new BigDecimal(input), new BigDecimal(output));
    }

    private static PricingTable table(PricingProperties.Row... rows) {
        return new PricingTable(new PricingProperties(List.of(rows)));
    }

    private static String usd(long nanos) {
        return Money.formatPrecise(nanos);
    }

    @Test
    void contractExamplesCostWhatApiMdSays() throws Exception {
        PricingTable table = shippedTable();
        assertThat(usd(table.costNanos("xai", "grok-beta", null, null, 5000))).isEqualTo("$0.0500");
        assertThat(usd(table.costNanos("openai", "gpt-4", 1000L, 500L, 1500))).isEqualTo("$0.0600");
        assertThat(usd(table.costNanos("openai", "gpt-4o", 1000L, 500L, 1500))).isEqualTo("$0.0075");
    }

    @Test
    void inputAndOutputTokensPriceExactly() throws Exception {
        // 4000 × $5/M + 1420 × $15/M = $0.02 + $0.0213
        assertThat(shippedTable().costNanos("xai", "grok-beta", 4000L, 1420L, 5420)).isEqualTo(41_300_000L);
    }

    @Test
    void onlyInputTokensArePricedExactlyNotAsAnEstimatedTotal() throws Exception {
        PricingTable table = shippedTable();
        // gpt-4 at $30 / $60: 1000 input tokens are $0.03 exactly; as a half/half estimate they would be $0.045.
        assertThat(table.costNanos("openai", "gpt-4", 1000L, null, 1000)).isEqualTo(30_000_000L);
        assertThat(table.quote("openai", "gpt-4", new TokenCounts(1000L, null, null, null, null)).costNanos())
                .isEqualTo(30_000_000L);
    }

    @Test
    void onlyOutputTokensArePricedExactlyNotAsAnEstimatedTotal() throws Exception {
        PricingTable table = shippedTable();
        // 1000 output tokens are $0.06 exactly; as a half/half estimate they would be $0.045.
        assertThat(table.costNanos("openai", "gpt-4", null, 1000L, 1000)).isEqualTo(60_000_000L);
        assertThat(table.quote("openai", "gpt-4", new TokenCounts(null, 1000L, null, null, null)).costNanos())
                .isEqualTo(60_000_000L);
    }

    @Test
    void onlyCachedTokensArePricedExactly() throws Exception {
        // 10,000 cache reads on gpt-4o at $1.25/M: $0.0125 (as a total at $2.50 / $10 it would be $0.0625)
        assertThat(shippedTable().quote("openai", "gpt-4o", new TokenCounts(null, null, 10_000L, null, null)).costNanos())
                .isEqualTo(12_500_000L);
    }

    @Test
    void onlyTokensUsedIsEstimatedAsHalfInputHalfOutput() throws Exception {
        // 1001 tokens on gpt-4: 500.5 × $30/M + 500.5 × $60/M = $0.045045
        assertThat(shippedTable().costNanos("openai", "gpt-4", null, null, 1001)).isEqualTo(45_045_000L);
        assertThat(shippedTable().quote("openai", "gpt-4", TokenCounts.total(1001L)).costNanos()).isEqualTo(45_045_000L);
    }

    @Test
    void noTokensCostNothing() throws Exception {
        assertThat(shippedTable().costNanos("anthropic", "claude-3-5-sonnet", null, null, 0)).isZero();
        assertThat(shippedTable().quote("anthropic", "claude-sonnet-4-5", TokenCounts.NONE).costNanos()).isZero();
    }

    @Test
    void everyKindOfTokenHasItsOwnPrice() throws Exception {
        // claude-sonnet-4-5: 1000 × $3 + 500 × $15 + 2000 cache reads × $0.30 + 3000 cache writes × $3.75 (per million)
        Quote quote = shippedTable().quote("anthropic", "claude-sonnet-4-5", new TokenCounts(1000L, 500L, 2000L, 3000L, null));
        assertThat(quote.costNanos()).isEqualTo(3_000_000L + 7_500_000L + 600_000L + 11_250_000L);
        assertThat(quote.costUsd()).isEqualByComparingTo("0.02235");
        assertThat(quote.row().modelPattern()).isEqualTo("claude-sonnet-4-5");
        // the 2000 cache reads would have cost $3/M instead of $0.30/M: $0.0054 saved
        assertThat(quote.cacheSavingNanos()).isEqualTo(5_400_000L);
    }

    @Test
    void withoutCacheReadsNothingIsSaved() throws Exception {
        PricingTable table = shippedTable();
        assertThat(table.quote("openai", "gpt-4o", new TokenCounts(1000L, 500L, null, 800L, null)).cacheSavingNanos()).isZero();
        assertThat(table.quote("openai", "gpt-4o", TokenCounts.total(5000L)).cacheSavingNanos()).isZero();
        // a row without a cached-input price bills cache reads at the input price: no saving
        assertThat(table.quote("openai", "gpt-4", new TokenCounts(null, null, 1000L, null, null)).cacheSavingNanos()).isZero();
    }

    @Test
    void cachedAndCacheWritePricesDefaultToTheInputPrice() {
        PricingTable table = table(row("acme", "m", "2", "8"), row("*", "*", "5", "15"));
        // 1000 cache reads and 1000 cache writes at the input price: 2 × 1000 × $2/M
        assertThat(table.quote("acme", "m", new TokenCounts(null, null, 1000L, 1000L, null)).costNanos()).isEqualTo(4_000_000L);
        assertThat(table.priceOf("acme", "m").effectiveCachedInputPerMillion()).isEqualByComparingTo("2");
        assertThat(table.priceOf("acme", "m").effectiveCacheWritePerMillion()).isEqualByComparingTo("2");
    }

    @Test
    void costsAreRoundedHalfUpToTheNanoDollar() {
        PricingTable table = table(row("*", "*", "0.0015", "0"));
        // 1 token at $0.0015/M is 1.5 nano-dollars: 2; 3 tokens are 4.5: 5
        assertThat(table.quote("x", "y", new TokenCounts(1L, null, null, null, null)).costNanos()).isEqualTo(2);
        assertThat(table.quote("x", "y", new TokenCounts(3L, null, null, null, null)).costNanos()).isEqualTo(5);
    }

    @Test
    void gpt4ModelsTheCatalogueNamesAreNoLongerPricedAsGpt4() throws Exception {
        PricingTable table = shippedTable();
        assertPrice(table, "openai", "gpt-4", "30.00", "60.00");
        assertPrice(table, "openai", "gpt-4-turbo", "30.00", "60.00");
        assertPrice(table, "openai", "gpt-4o", "2.50", "10.00");
        assertPrice(table, "openai", "gpt-4o-mini", "0.15", "0.60");
        assertPrice(table, "openai", "gpt-4.1", "2.00", "8.00");
        assertPrice(table, "openai", "gpt-4.1-mini-2025-04-14", "0.40", "1.60");
    }

    @Test
    void seedRowsPriceEveryProviderAndModelFamilyTheCatalogueDoesNotName() throws Exception {
        PricingTable table = shippedTable();
        assertPrice(table, "xai", "grok-beta", "5.00", "15.00");
        assertPrice(table, "openrouter", "x-ai/grok-2", "5.00", "15.00");
        assertPrice(table, "openai", "gpt-3.5-turbo", "0.50", "1.50");
        assertPrice(table, "openai", "o1-mini", "0.50", "1.50");
        assertPrice(table, "azure", "gpt-35-turbo", "0.50", "1.50");
        assertPrice(table, "anthropic", "anything", "3.00", "15.00");
        assertPrice(table, "bedrock", "claude-3-haiku", "3.00", "15.00");
        assertPrice(table, "google", "palm", "0.50", "1.50");
        assertPrice(table, "vertex", "gemini-1.5-pro", "0.50", "1.50");
        assertPrice(table, "mistral", "mistral-large", "5.00", "15.00");
    }

    @Test
    void exactNamesMatchIgnoringCaseBeforeAnyPattern() {
        PricingTable table = table(row("*", "fast-*", "1", "1"), row("acme", "FAST-One", "2", "2"), row("*", "*", "5", "15"));
        assertThat(table.priceOf("ACME", "fast-one").inputPerMillion()).isEqualByComparingTo("2");
        assertThat(table.priceOf("other", "fast-one").inputPerMillion()).isEqualByComparingTo("1");
    }

    @Test
    void providerAndModelMatchIgnoringCase() throws Exception {
        assertPrice(shippedTable(), "OpenAI", "GPT-4o", "2.50", "10.00");
    }

    @Test
    void patternsAreTriedInTheirOrder() {
        PricingTable table = table(row("acme", "fast-*", "1", "2"), row("acme", "*", "3", "4"), row("*", "*", "5", "6"));
        assertThat(table.priceOf("acme", "fast-one").inputPerMillion()).isEqualByComparingTo("1");
        assertThat(table.priceOf("acme", "slow-one").inputPerMillion()).isEqualByComparingTo("3");
        assertThat(table.priceOf("other", "fast-one").inputPerMillion()).isEqualByComparingTo("5");
        assertThat(table.fallbackPrice().outputPerMillion()).isEqualByComparingTo("6");
    }

    @Test
    void modelsWithLineBreaksOrOddCharactersStillFindAPrice() throws Exception {
        PricingTable table = shippedTable();
        // '*' covers line breaks too: these match the *claude* and *gpt* rows, not only the fallback
        assertPrice(table, "bedrock", "claude\nopus", "3.00", "15.00");
        assertPrice(table, "azure", "my\rgpt\u2028model", "0.50", "1.50");
        for (String model : List.of("", "\n", "\r\n", "\u2028", "\u0000", "\uD800", "💥", "x".repeat(10_000), "a*b")) {
            assertThat(table.priceOf("nobody", model)).as(model).isNotNull();
            assertThat(table.quote("nobody", model, TokenCounts.total(1000L)).costNanos()).as(model).isEqualTo(10_000_000L);
        }
        assertThat(table.priceOf(null, null).inputPerMillion()).isEqualByComparingTo("5.00");
        // not the exact name gpt-4o, so one of openai's gpt-4 models the catalogue does not name
        assertPrice(table, "openai", "gpt-4o\n", "30.00", "60.00");
    }

    @Test
    void aTableWithoutFallbackRowIsRefusedWhenBuiltNotWhenPricing() {
        assertThatThrownBy(() -> table(row("acme", "*", "1", "1"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fallback");
    }

    @Test
    void countsOutOfBoundsAreRefusedNamingTheField() {
        PricingTable table = table(row("*", "*", "5", "15"));
        assertThatThrownBy(() -> table.quote("x", "y", new TokenCounts(TokenCounts.MAX_TOKENS + 1, null, null, null, null)))
                .isInstanceOfSatisfying(InvalidTokenCountException.class, e -> assertThat(e.field()).isEqualTo("inputTokens"))
                .hasMessageContaining("1000000000000");
        assertThatThrownBy(() -> table.quote("x", "y", new TokenCounts(null, null, null, -1L, null)))
                .isInstanceOfSatisfying(InvalidTokenCountException.class, e -> assertThat(e.field()).isEqualTo("cacheWriteTokens"));
        assertThatThrownBy(() -> table.quote("x", "y", TokenCounts.total(-5L)))
                .isInstanceOfSatisfying(InvalidTokenCountException.class, e -> assertThat(e.field()).isEqualTo("tokensUsed"));
        assertThatThrownBy(() -> table.costNanos("x", "y", 900_000_000_000_000L, null, 900_000_000_000_000L))
                .isInstanceOf(InvalidTokenCountException.class);
    }

    @Test
    void theLargestCountsAtTheHighestPriceStillCostAnExactLong() {
        String max = PricingProperties.MAX_PRICE_PER_MILLION;
        PricingTable table = new PricingTable(new PricingProperties(List.of(new PricingProperties.Row("*", "*",
                new BigDecimal(max), new BigDecimal(max), new BigDecimal(max), new BigDecimal(max), null))));
        long m = TokenCounts.MAX_TOKENS;
        // 4 × 10^12 tokens × $1000/M = $4,000,000,000 = 4 × 10^18 nano-dollars
        assertThat(table.quote("x", "y", new TokenCounts(m, m, m, m, null)).costNanos()).isEqualTo(4_000_000_000_000_000_000L);
        assertThat(table.costNanos("x", "y", m, m, 2 * m)).isEqualTo(2_000_000_000_000_000_000L);
        assertThat(table.quote("x", "y", TokenCounts.total(m)).costNanos()).isEqualTo(1_000_000_000_000_000_000L);
    }

    @Test
    void aCostBeyondALongIsAnErrorNotAWrappedNumber() {
        // A row no valid configuration can hold ($10^9 per million tokens), built directly.
        PricingTable table = table(row("*", "*", "1000000000", "0"));
        assertThatThrownBy(() -> table.quote("x", "y", new TokenCounts(TokenCounts.MAX_TOKENS, null, null, null, null)))
                .isInstanceOf(ArithmeticException.class).hasMessageContaining("does not fit");
    }

    @Test
    void aReplacedTablePricesTheWritesThatFollow() {
        PricingTable table = table(row("*", "*", "5", "15"));
        table.replace(new PricingProperties(List.of(row("*", "*", "1", "2"))));
        assertThat(table.priceOf("x", "y").inputPerMillion()).isEqualByComparingTo("1");
        assertThat(table.rows()).hasSize(1);
    }

    @Test
    void aQuoteDuringReplacementsIsPricedByOneWholeTable() throws Exception {
        PricingProperties cheap = new PricingProperties(List.of(row("*", "*", "1", "2")));
        PricingProperties dear = new PricingProperties(List.of(row("*", "*", "3", "4")));
        PricingTable table = new PricingTable(cheap);
        Thread swapper = new Thread(() -> {
            for (int i = 0; i < 20_000; i++) {
                table.replace(i % 2 == 0 ? dear : cheap);
            }
        });
        swapper.start();
        TokenCounts counts = new TokenCounts(1_000_000L, 1_000_000L, null, null, null);
        while (swapper.isAlive()) {
            Quote quote = table.quote("x", "y", counts);
            long expected = quote.row().inputPerMillion().add(quote.row().outputPerMillion()).longValueExact() * 1_000_000_000L;
            assertThat(quote.costNanos()).isIn(3_000_000_000L, 7_000_000_000L).isEqualTo(expected);
        }
        swapper.join();
    }

    private static void assertPrice(PricingTable table, String provider, String model, String input, String output) {
        PricingProperties.Row row = table.priceOf(provider, model);
        assertThat(row.inputPerMillion()).as(provider + "/" + model + " input").isEqualByComparingTo(input);
        assertThat(row.outputPerMillion()).as(provider + "/" + model + " output").isEqualByComparingTo(output);
    }
}
