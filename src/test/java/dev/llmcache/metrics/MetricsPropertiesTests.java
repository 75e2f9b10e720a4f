package dev.llmcache.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class MetricsPropertiesTests {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(MetricsProperties.class)
    static class Config {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Config.class);

    @Test
    void defaultsAreFiftyModelsAndAFiveSecondRefresh() {
        runner.run(context -> {
            MetricsProperties properties = context.getBean(MetricsProperties.class);
            assertThat(properties.maxModels()).isEqualTo(50);
            assertThat(properties.refreshInterval()).hasSeconds(5);
        });
    }

    @Test
    void providersAreCappedAtTwentyByDefault() {
        runner.run(context -> assertThat(context.getBean(MetricsProperties.class).maxProviders()).isEqualTo(20));
    }

    @Test
    void aNegativeMaxProvidersFailsStartUpNamingTheProperty() {
        runner.withPropertyValues("cache.metrics.max-providers=-1").run(context -> assertThat(context).hasFailed()
                .getFailure().rootCause().hasMessageContaining("cache.metrics.max-providers"));
    }

    @Test
    void aNegativeMaxModelsFailsStartUpNamingTheProperty() {
        runner.withPropertyValues("cache.metrics.max-models=-1").run(context -> assertThat(context).hasFailed()
                .getFailure().rootCause().hasMessageContaining("cache.metrics.max-models"));
    }

    @Test
    void aZeroRefreshIntervalFailsStartUpNamingTheProperty() {
        runner.withPropertyValues("cache.metrics.refresh-interval=0s").run(context -> assertThat(context).hasFailed()
                .getFailure().rootCause().hasMessageContaining("cache.metrics.refresh-interval must be positive"));
    }
}
