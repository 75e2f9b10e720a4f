package dev.llmcache.storage;

import dev.llmcache.support.SqliteTestDatabase;
import dev.llmcache.support.TestClockConfiguration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.support.TestPropertySourceUtils;

/** The upgrade of a SQLite file made by the V4 schema. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = UpgradeSqliteIntegrationTests.V4File.class)
@Import(TestClockConfiguration.class)
class UpgradeSqliteIntegrationTests extends UpgradeScenarios {

    static final V4Database DATA = new V4Database();

    @Override
    V4Database data() {
        return DATA;
    }

    /** Makes the V4 file in a data directory of its own before the server starts on it. */
    static class V4File implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            Path dir;
            try {
                dir = Files.createTempDirectory("llmcache-upgrade-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            DATA.create("jdbc:sqlite:" + dir.resolve("cache.db"), "sqlite", null);
            TestPropertySourceUtils.addInlinedPropertiesToEnvironment(context, "cache.data-dir=" + dir);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> SqliteTestDatabase.delete(dir)));
        }
    }
}
