package dev.llmcache.storage;

import dev.llmcache.support.PostgresAvailable;
import dev.llmcache.support.PostgresTestDatabase;
import dev.llmcache.support.TestClockConfiguration;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/** The upgrade of a PostgreSQL schema made by the V4 schema. */
@ExtendWith(PostgresAvailable.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = UpgradePostgresIntegrationTests.V4Schema.class)
@Import(TestClockConfiguration.class)
class UpgradePostgresIntegrationTests extends UpgradeScenarios {

    static final V4Database DATA = new V4Database();

    @Override
    V4Database data() {
        return DATA;
    }

    /** Makes the V4 schema (in a schema of its own) before the server starts on it. */
    static class V4Schema extends PostgresTestDatabase {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            super.initialize(context);
            var environment = context.getEnvironment();
            DATA.create(environment.getProperty("spring.datasource.url"), "postgresql",
                    environment.getProperty("spring.flyway.schemas"));
        }
    }
}
