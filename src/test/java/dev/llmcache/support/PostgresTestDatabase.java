package dev.llmcache.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.test.context.support.TestPropertySourceUtils;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Points a test context at PostgreSQL, in a schema of its own that is dropped on close. The
 * server comes from {@code TEST_POSTGRES_URL} when set (CI sets it), else from a Testcontainers
 * container when Docker is available; otherwise the tests are skipped (see {@link PostgresAvailable}).
 */
public class PostgresTestDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final String URL_VARIABLE = "TEST_POSTGRES_URL";

    private static volatile String containerUrl;

    /** The base JDBC URL (with credentials as parameters), or null when no PostgreSQL can be had. */
    public static String baseUrl() {
        String url = System.getenv(URL_VARIABLE);
        if (url != null && !url.isBlank()) {
            return url;
        }
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            return null;
        }
        synchronized (PostgresTestDatabase.class) {
            if (containerUrl == null) {
                PostgreSQLContainer container = new PostgreSQLContainer("postgres:16-alpine");
                container.start();
                containerUrl = container.getJdbcUrl() + (container.getJdbcUrl().contains("?") ? "&" : "?")
                        + "user=" + container.getUsername() + "&password=" + container.getPassword();
            }
            return containerUrl;
        }
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        String base = baseUrl();
        if (base == null) {
            throw new IllegalStateException("no PostgreSQL: set " + URL_VARIABLE + " or start Docker");
        }
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "");
        execute(base, "CREATE SCHEMA " + schema);
        String url = base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        TestPropertySourceUtils.addInlinedPropertiesToEnvironment(context,
                "spring.datasource.url=" + url, "spring.flyway.schemas=" + schema,
                "spring.flyway.default-schema=" + schema);
        context.addApplicationListener(event -> {
            if (event instanceof ContextClosedEvent closed && closed.getApplicationContext() == context) {
                Runtime.getRuntime().addShutdownHook(new Thread(() -> execute(base, "DROP SCHEMA IF EXISTS " + schema + " CASCADE")));
            }
        });
        // Also the SQLite directory stays unused but must exist for the disk health check.
        new SqliteTestDatabase().initialize(context);
    }

    static void execute(String url, String sql) {
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + url.replaceAll("password=[^&]*", "password=***") + ": " + e.getMessage(), e);
        }
    }
}
