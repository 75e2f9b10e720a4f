package dev.llmcache.pricing;

import static org.assertj.core.api.Assertions.assertThat;

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
        StandardEnvironment environment = new StandardEnvironment();
        new YamlPropertySourceLoader().load("pricing", new FileSystemResource("config/pricing.yml"))
                .forEach(environment.getPropertySources()::addLast);
        return new PricingTable(Binder.get(environment).bind("cache.pricing", PricingProperties.class).get());
    }

    private static String usd(long nanos) {
        return Money.formatPrecise(nanos);
    }

    @Test
    void fiveThousandTokensOnXaiGrokBetaCostFiveCents() throws Exception {
        assertThat(usd(shippedTable().costNanos("xai", "grok-beta", null, null, 5000))).isEqualTo("$0.0500");
    }

    @Test
    void inputAndOutputTokensPriceExactly() throws Exception {
        // 4000 × $5/M + 1420 × $15/M = $0.02 + $0.0213
        assertThat(shippedTable().costNanos("xai", "grok-beta", 4000L, 1420L, 5420)).isEqualTo(41_300_000L);
    }

    @Test
    void onlyTokensUsedIsEstimatedAsHalfInputHalfOutput() throws Exception {
        // 1001 tokens: 500.5 × $30/M + 500.5 × $60/M = $0.045045
        assertThat(shippedTable().costNanos("openai", "gpt-4o", null, null, 1001)).isEqualTo(45_045_000L);
    }

    @Test
    void noTokensCostNothing() throws Exception {
        assertThat(shippedTable().costNanos("anthropic", "claude-3-5-sonnet", null, null, 0)).isZero();
    }

    @Test
    void contractDefaultsPriceEachProviderAndModelFamily() throws Exception {
        PricingTable table = shippedTable();
        assertPrice(table, "xai", "grok-beta", "5.00", "15.00");
        assertPrice(table, "openrouter", "x-ai/grok-2", "5.00", "15.00");
        assertPrice(table, "openai", "gpt-4-turbo", "30.00", "60.00");
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
    void providerAndModelMatchIgnoringCase() throws Exception {
        assertPrice(shippedTable(), "OpenAI", "GPT-4o", "30.00", "60.00");
    }

    @Test
    void firstMatchingRowWins() {
        PricingTable table = new PricingTable(new PricingProperties(List.of(
                new PricingProperties.Row("acme", "fast-*", new BigDecimal("1"), new BigDecimal("2")),
                new PricingProperties.Row("acme", "*", new BigDecimal("3"), new BigDecimal("4")),
                new PricingProperties.Row("*", "*", new BigDecimal("5"), new BigDecimal("6")))));
        assertThat(table.priceOf("acme", "fast-one").inputPerMillion()).isEqualByComparingTo("1");
        assertThat(table.priceOf("acme", "slow-one").inputPerMillion()).isEqualByComparingTo("3");
        assertThat(table.priceOf("other", "fast-one").inputPerMillion()).isEqualByComparingTo("5");
        assertThat(table.fallbackPrice().outputPerMillion()).isEqualByComparingTo("6");
    }

    private static void assertPrice(PricingTable table, String provider, String model, String input, String output) {
        PricingProperties.Row row = table.priceOf(provider, model);
        assertThat(row.inputPerMillion()).as(provider + "/" + model + " input").isEqualByComparingTo(input);
        assertThat(row.outputPerMillion()).as(provider + "/" + model + " output").isEqualByComparingTo(output);
    }
}
