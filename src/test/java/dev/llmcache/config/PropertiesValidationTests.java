package dev.llmcache.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcache.budget.BudgetProperties;
import dev.llmcache.pricing.PricingProperties;
import dev.llmcache.security.SecurityProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

/** Invalid configuration stops the server at start-up with a message naming the property. */
class PropertiesValidationTests {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({CacheProperties.class, PricingProperties.class, BudgetProperties.class,
            SecurityProperties.class})
    static class Properties {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Properties.class)
            .withPropertyValues(
                    "cache.pricing.models[0].provider=xai", "cache.pricing.models[0].input-per-million=5",
                    "cache.pricing.models[0].output-per-million=15",
                    "cache.pricing.models[1].provider=*", "cache.pricing.models[1].input-per-million=5",
                    "cache.pricing.models[1].output-per-million=15");

    private void assertFailsNaming(String property, String... values) {
        runner.withPropertyValues(values).run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure())).contains(property);
        });
    }

    private static String messages(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }

    @Test
    void defaultsAreValid() {
        runner.run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void negativePriceNamesTheRow() {
        assertFailsNaming("cache.pricing.models[1].inputPerMillion", "cache.pricing.models[1].input-per-million=-1");
    }

    @Test
    void pricingTableWithoutFallbackRowIsRefused() {
        assertFailsNaming("fallback row", "cache.pricing.models[1].provider=acme");
    }

    @Test
    void unparsablePriceNamesTheRow() {
        assertFailsNaming("cache.pricing.models[0].output-per-million", "cache.pricing.models[0].output-per-million=cheap");
    }

    @Test
    void budgetThresholdsOutOfOrderAreRefused() {
        assertFailsNaming("cache.budget.warning-threshold", "cache.budget.warning-threshold=0.95");
    }

    @Test
    void nonPositiveBudgetIsRefused() {
        assertFailsNaming("cache.budget.monthly-usd", "cache.budget.monthly-usd=0");
    }

    @Test
    void compressionLevelOutOfRangeIsRefused() {
        assertFailsNaming("cache.compression.level", "cache.compression.level=30");
        assertFailsNaming("cache.compression.bulk-level", "cache.compression.bulk-level=0");
    }

    @Test
    void tokenWithoutAHashIsRefused() {
        assertFailsNaming("cache.security.tokens[0].sha256", "cache.security.tokens[0].name=ci",
                "cache.security.tokens[0].sha256=secret", "cache.security.tokens[0].role=READ",
                "cache.security.tokens[0].namespaces=*");
    }
}
