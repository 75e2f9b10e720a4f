package dev.llmcache.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Pins the shipped catalogue (config/pricing.yml): a careless edit of a well-known price, or a
 * row lost, shows here. The figures are the providers' list prices; docs/pricing.md names the sources.
 */
class CatalogueTests {

    private static final LocalDate CATALOGUE_DATE = LocalDate.of(2026, 9, 1);

    private static PricingProperties properties;
    private static PricingTable table;

    @BeforeAll
    static void readShippedTable() throws Exception {
        properties = PricingTableTests.shippedProperties();
        table = new PricingTable(properties);
    }

    @Test
    void pinsAHandfulOfWellKnownPrices() {
        assertRow("openai", "gpt-4o", "gpt-4o", "2.50", "10.00", "1.25", "2.50");
        assertRow("openai", "gpt-4", "*gpt-4*", "30.00", "60.00", "30.00", "30.00");
        assertRow("anthropic", "claude-sonnet-4-5", "claude-sonnet-4-5", "3.00", "15.00", "0.30", "3.75");
        assertRow("anthropic", "claude-sonnet-4-5-20250929", "claude-sonnet-4-5-*", "3.00", "15.00", "0.30", "3.75");
        assertRow("anthropic", "claude-haiku-4-5", "claude-haiku-4-5", "1.00", "5.00", "0.10", "1.25");
        assertRow("anthropic", "claude-opus-4-1", "claude-opus-4-1", "15.00", "75.00", "1.50", "18.75");
        assertRow("google", "gemini-2.5-pro", "gemini-2.5-pro", "1.25", "10.00", "0.125", "1.25");
        assertRow("google", "gemini-2.5-flash", "gemini-2.5-flash", "0.30", "2.50", "0.03", "0.30");
        assertRow("xai", "grok-4", "grok-4", "3.00", "15.00", "0.75", "3.00");
        assertRow("xai", "grok-3-mini", "grok-3-mini", "0.30", "0.50", "0.075", "0.30");
    }

    @Test
    void coversTheModelsTeamsUseAtTheirOwnRow() {
        List<String> models = List.of(
                "openai/gpt-4o", "openai/gpt-4o-mini", "openai/gpt-4.1", "openai/gpt-4.1-mini", "openai/gpt-4.1-nano",
                "openai/o1", "openai/o3", "openai/o3-mini", "openai/o4-mini", "openai/gpt-5", "openai/gpt-5-mini",
                "openai/gpt-5-nano", "openai/gpt-5.1", "openai/gpt-5.4", "openai/gpt-5.5",
                "anthropic/claude-opus-4-0", "anthropic/claude-opus-4-1", "anthropic/claude-sonnet-4-0",
                "anthropic/claude-sonnet-4-5", "anthropic/claude-haiku-4-5", "anthropic/claude-3-5-haiku-20241022",
                "anthropic/claude-opus-4-5", "anthropic/claude-opus-4-6", "anthropic/claude-sonnet-4-6",
                "google/gemini-2.0-flash", "google/gemini-2.5-flash", "google/gemini-2.5-pro", "google/gemini-2.5-flash-lite",
                "google/gemini-3.1-pro-preview", "xai/grok-3", "xai/grok-3-mini", "xai/grok-4", "xai/grok-4-0709",
                "xai/grok-4-1-fast-reasoning", "xai/grok-4.20-0309-reasoning");
        for (String providerModel : models) {
            String[] parts = providerModel.split("/", 2);
            PricingProperties.Row row = table.priceOf(parts[0], parts[1]);
            assertThat(row.asOf()).as(providerModel + " is priced by a catalogue row").isEqualTo(CATALOGUE_DATE);
            assertThat(row.provider()).as(providerModel).isEqualTo(parts[0]);
        }
    }

    @Test
    void datedNamesOfTheCataloguesAnthropicModelsHaveTheirModelsPrice() {
        // docs/pricing.md: "(and their dated names)"; without their rows these fell to the seed's anthropic/* at $3 / $15
        assertRow("anthropic", "claude-opus-5-20260301", "claude-opus-5-*", "5.00", "25.00", "0.50", "6.25");
        assertRow("anthropic", "claude-opus-4-8-20260301", "claude-opus-4-8-*", "5.00", "25.00", "0.50", "6.25");
        assertRow("anthropic", "claude-opus-4-7-20260301", "claude-opus-4-7-*", "5.00", "25.00", "0.50", "6.25");
        assertRow("anthropic", "claude-sonnet-4-6-20260301", "claude-sonnet-4-6-*", "3.00", "15.00", "0.30", "3.75");
    }

    @Test
    void everyCatalogueRowIsDatedAndPricesCachedInputWhereTheProviderDoes() {
        List<PricingProperties.Row> catalogue = properties.models().stream().filter(r -> r.asOf() != null).toList();
        assertThat(catalogue).hasSizeGreaterThan(60).allSatisfy(row -> {
            assertThat(row.asOf()).as(row.modelPattern()).isEqualTo(CATALOGUE_DATE);
            assertThat(row.provider()).as(row.modelPattern()).isIn("xai", "openai", "anthropic", "google");
        });
        // Every provider bills prompt-cache reads below the input price (the pro models have no cache).
        assertThat(catalogue).filteredOn(row -> !row.modelPattern().endsWith("-pro") && !row.modelPattern().equals("gpt-4o-2024-05-13"))
                .allSatisfy(row -> assertThat(row.effectiveCachedInputPerMillion()).as(row.modelPattern())
                        .isLessThan(row.inputPerMillion()));
        // Anthropic bills 5-minute cache writes at 1.25 × the input price; the others at the input price.
        assertThat(catalogue).allSatisfy(row -> assertThat(row.effectiveCacheWritePerMillion()).as(row.modelPattern())
                .isEqualByComparingTo(row.provider().equals("anthropic")
                        ? row.inputPerMillion().multiply(new java.math.BigDecimal("1.25")) : row.inputPerMillion()));
        assertThat(CatalogueAge.catalogueDate(properties.models())).contains(CATALOGUE_DATE);
    }

    @Test
    void endsWithTheSeedsPerProviderRowsAndTheFallback() {
        List<PricingProperties.Row> rows = properties.models();
        List<PricingProperties.Row> seed = rows.subList(rows.size() - 10, rows.size());
        assertThat(seed).allSatisfy(row -> assertThat(row.asOf()).isNull())
                .extracting(row -> row.provider() + " " + row.modelPattern() + " " + row.inputPerMillion() + "/" + row.outputPerMillion())
                .containsExactly("xai * 5.0/15.0", "* *grok* 5.0/15.0", "* *gpt-4* 30.0/60.0", "openai * 0.5/1.5",
                        "* *gpt* 0.5/1.5", "anthropic * 3.0/15.0", "* *claude* 3.0/15.0", "google * 0.5/1.5",
                        "* *gemini* 0.5/1.5", "* * 5.0/15.0");
        assertThat(table.fallbackPrice()).isSameAs(rows.get(rows.size() - 1));
    }

    @Test
    void theShippedTablePassesTheValidationTheServerApplies() {
        try (ValidatorFactory factory = Validation.buildDefaultValidatorFactory()) {
            assertThat(factory.getValidator().validate(properties)).isEmpty();
        }
    }

    private static void assertRow(String provider, String model, String matchedPattern, String input, String output,
            String cached, String cacheWrite) {
        PricingProperties.Row row = table.priceOf(provider, model);
        String name = provider + "/" + model;
        assertThat(row.modelPattern()).as(name + " row").isEqualTo(matchedPattern);
        assertThat(row.inputPerMillion()).as(name + " input").isEqualByComparingTo(input);
        assertThat(row.outputPerMillion()).as(name + " output").isEqualByComparingTo(output);
        assertThat(row.effectiveCachedInputPerMillion()).as(name + " cached input").isEqualByComparingTo(cached);
        assertThat(row.effectiveCacheWritePerMillion()).as(name + " cache write").isEqualByComparingTo(cacheWrite);
    }
}
