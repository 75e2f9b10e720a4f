package dev.llmcache.eviction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcache.config.CacheProperties;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

/** cache.eviction.* and the limits the schedule enforces: defaults, and start-up failures that name the property. */
class EvictionPropertiesTests {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({EvictionProperties.class, CacheProperties.class})
    static class Properties {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Properties.class);

    @Test
    void defaultsRunCostAwareEveryFiveMinutesWithNoLimit() {
        runner.run(context -> {
            EvictionProperties eviction = context.getBean(EvictionProperties.class);
            assertThat(eviction.interval()).isEqualTo(Duration.ofMinutes(5));
            assertThat(eviction.policy()).isEqualTo(EvictionPolicy.COST_AWARE);
            assertThat(EvictionSchedule.limits(context.getBean(CacheProperties.class).limits()).isEmpty()).isTrue();
        });
    }

    @Test
    void configuredLimitsBecomeTheScheduledLimits() {
        runner.withPropertyValues("cache.limits.max-stored-bytes=2GB", "cache.limits.max-entries=1000",
                "cache.limits.idle-ttl=30d", "cache.eviction.policy=LRU", "cache.eviction.interval=1m").run(context -> {
                    EvictionLimits limits = EvictionSchedule.limits(context.getBean(CacheProperties.class).limits());
                    assertThat(limits).isEqualTo(new EvictionLimits(2L << 30, 1000L, Duration.ofDays(30)));
                    assertThat(context.getBean(EvictionProperties.class).interval()).isEqualTo(Duration.ofMinutes(1));
                });
    }

    @Test
    void invalidValuesStopTheStartNamingTheProperty() {
        assertStartFails("cache.eviction.interval=PT0S", "cache.eviction.interval must be positive");
        assertStartFails("cache.eviction.batch-size=0", "cache.eviction.batch-size must be between 1 and 100000");
        assertStartFails("cache.limits.idle-ttl=-P1D", "cache.limits.idle-ttl must be positive");
        assertStartFails("cache.limits.max-entries=-1", "cache.limits.max-entries must not be negative");
        assertStartFails("cache.limits.max-stored-bytes=-1", "cache.limits.max-stored-bytes must not be negative");
        runner.withPropertyValues("cache.eviction.policy=FIFO").run(context -> assertThat(context).hasFailed());
    }

    private void assertStartFails(String property, String message) {
        runner.withPropertyValues(property).run(context -> {
            assertThat(context).hasFailed();
            Throwable failure = context.getStartupFailure();
            StringBuilder all = new StringBuilder();
            for (Throwable t = failure; t != null; t = t.getCause()) {
                all.append(t.getMessage()).append('\n');
            }
            assertThat(all.toString()).as(property).contains(message);
        });
    }
}
