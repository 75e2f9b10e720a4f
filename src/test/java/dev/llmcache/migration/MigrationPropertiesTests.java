package dev.llmcache.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

/** {@code cache.migration.*}: the contract's default roots, and start-up failures naming the property. */
class MigrationPropertiesTests {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(MigrationProperties.class)
    static class Properties {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Properties.class);

    @Test
    void defaultsAreTheUsersRustassistantDirectoryAndSmallBatches() {
        runner.run(context -> {
            MigrationProperties properties = context.getBean(MigrationProperties.class);
            assertThat(properties.allowedRoots())
                    .containsExactly(Path.of(System.getProperty("user.home"), ".rustassistant"));
            assertThat(properties.maxConcurrent()).isEqualTo(2);
            assertThat(properties.batchSize()).isEqualTo(256);
            assertThat(properties.maxFailuresListed()).isEqualTo(1000);
        });
    }

    @Test
    void severalRootsMayBeAllowed() {
        runner.withPropertyValues("cache.migration.allowed-roots=/srv/a,/srv/b").run(context ->
                assertThat(context.getBean(MigrationProperties.class).allowedRoots())
                        .isEqualTo(List.of(Path.of("/srv/a"), Path.of("/srv/b"))));
    }

    @Test
    void outOfRangeValuesStopTheStartNamingTheProperty() {
        for (String[] bad : List.of(new String[] {"cache.migration.batch-size=0", "cache.migration.batch-size"},
                new String[] {"cache.migration.max-concurrent=17", "cache.migration.max-concurrent"},
                new String[] {"cache.migration.max-failures-listed=-1", "cache.migration.max-failures-listed"})) {
            runner.withPropertyValues(bad[0]).run(context -> {
                assertThat(context).hasFailed();
                StringBuilder messages = new StringBuilder();
                for (Throwable t = context.getStartupFailure(); t != null; t = t.getCause()) {
                    messages.append(t.getMessage()).append('\n');
                }
                assertThat(messages.toString()).contains(bad[1] + " must be between");
            });
        }
    }
}
