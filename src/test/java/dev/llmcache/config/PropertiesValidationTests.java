package dev.llmcache.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcache.budget.BudgetProperties;
import dev.llmcache.entry.HotEntriesProperties;
import dev.llmcache.pricing.PricingProperties;
import dev.llmcache.security.SecurityProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

/** Invalid configuration stops the server at start-up with a message naming the property. */
class PropertiesValidationTests {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({CacheProperties.class, PricingProperties.class, BudgetProperties.class,
            SecurityProperties.class, HotEntriesProperties.class})
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
    void hotEntriesSizeOutOfRangeNamesTheProperty() {
        assertFailsNaming("cache.hot-entries.max-size must be between 0 (off) and 1GB", "cache.hot-entries.max-size=-1");
        assertFailsNaming("cache.hot-entries.max-size must be between 0 (off) and 1GB", "cache.hot-entries.max-size=2GB");
        runner.withPropertyValues("cache.hot-entries.max-size=0").run(context -> assertThat(context).hasNotFailed());
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
    void aZeroOrNegativeFlushIntervalIsRefusedNamingIt() {
        // found by the audit of 6 December: the start failed with an IllegalArgumentException without a message
        assertFailsNaming("cache.access-flush-interval must be positive", "cache.access-flush-interval=PT0S");
        assertFailsNaming("cache.access-flush-interval must be positive", "cache.access-flush-interval=-PT1S");
    }

    @Test
    void aZeroOrNegativeLifetimeOfTheCopiesIsRefusedNamingIt() {
        assertFailsNaming("cache.hot-entries.lifetime must be positive", "cache.hot-entries.lifetime=0s");
        assertFailsNaming("cache.hot-entries.lifetime must be positive", "cache.hot-entries.lifetime=-1m");
    }

    @Test
    void sizeLimitsOfZeroOrLessOrPastTwoGigabytesAreRefusedNamingThem() {
        assertFailsNaming("cache.limits.max-request-bytes must be from 1B", "cache.limits.max-request-bytes=0");
        assertFailsNaming("cache.limits.max-request-bytes must be from 1B", "cache.limits.max-request-bytes=3GB");
        // a server that started with these refused every store with 413
        assertFailsNaming("cache.limits.max-result-bytes must be from 1B", "cache.limits.max-result-bytes=0");
        assertFailsNaming("cache.limits.max-result-bytes must be from 1B", "cache.limits.max-result-bytes=-1");
    }

    @Test
    void aBackupDirThatIsAFileIsRefusedNamingIt(@TempDir Path dir) throws IOException {
        Path file = Files.createFile(dir.resolve("a-file"));
        assertFailsNaming("cache.backup-dir must name a directory", "cache.backup-dir=" + file);
        runner.withPropertyValues("cache.backup-dir=" + dir.resolve("not-yet")).run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void tokenWithoutAHashIsRefused() {
        assertFailsNaming("cache.security.tokens[0].sha256", "cache.security.tokens[0].name=ci",
                "cache.security.tokens[0].sha256=secret", "cache.security.tokens[0].role=READ",
                "cache.security.tokens[0].namespaces=*");
    }
}
