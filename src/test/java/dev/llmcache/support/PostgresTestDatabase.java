package dev.llmcache.support;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.support.TestPropertySourceUtils;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Points a test context at PostgreSQL, in a schema of its own. The
 * server comes from {@code TEST_POSTGRES_URL} when set (CI sets it), else from a Testcontainers
 * container when Docker is available; otherwise the tests are skipped (see {@link PostgresAvailable}).
 * Schemas older than an hour, left by earlier runs, are dropped when a context starts.
 */
public class PostgresTestDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final String URL_VARIABLE = "TEST_POSTGRES_URL";

    private static final Pattern STAMPED = Pattern.compile("t_(\\d{13})_[0-9a-f]{12}");

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
        dropStaleSchemas(base);
        String schema = createSchema(base);
        String url = schemaUrl(base, schema);
        // Small pools that shrink when idle: a run caches a dozen PostgreSQL contexts (two pools each), and the server's
        // max_connections (100 by default) is shared with everything else on the machine.
        TestPropertySourceUtils.addInlinedPropertiesToEnvironment(context,
                "spring.datasource.url=" + url, "spring.flyway.schemas=" + schema,
                "spring.flyway.default-schema=" + schema,
                "spring.datasource.hikari.maximum-pool-size=8", "spring.datasource.hikari.minimum-idle=1",
                "spring.datasource.hikari.idle-timeout=10000");
        // A data directory that does not exist yet, as ./data on a first start: the server makes it (it holds
        // backups of migrated sources, and the disk health check reads it; a missing one answered DOWN).
        TestPropertySourceUtils.addInlinedPropertiesToEnvironment(context,
                "cache.data-dir=" + SqliteTestDatabase.temporaryDirectory(context).resolve("made-at-start-up"));
    }

    /** Drops test schemas more than an hour old: no test run lasts that long. */
    private static void dropStaleSchemas(String url) {
        long cutoff = System.currentTimeMillis() - Duration.ofHours(1).toMillis();
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            List<String> stale = new ArrayList<>();
            try (ResultSet schemas = statement.executeQuery(
                    "SELECT schema_name FROM information_schema.schemata WHERE schema_name LIKE 't\\_%'")) {
                while (schemas.next()) {
                    String name = schemas.getString(1);
                    Matcher stamped = STAMPED.matcher(name);
                    if (!stamped.matches() || Long.parseLong(stamped.group(1)) < cutoff) {
                        stale.add(name);
                    }
                }
            }
            for (String name : stale) {
                statement.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
            }
        } catch (SQLException e) {
            // housekeeping only: a failure here must not fail the tests
        }
    }

    /**
     * Creates a schema of its own for a test and answers its name. The creation time in the name lets
     * later runs sweep what this one leaves behind: test contexts are cached until the JVM exits, when
     * no more work can be scheduled.
     */
    public static String createSchema(String base) {
        String schema = "t_" + System.currentTimeMillis() + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute(base, "CREATE SCHEMA " + schema);
        return schema;
    }

    /** The base URL with {@code schema} as the connections' current schema. */
    public static String schemaUrl(String base, String schema) {
        return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /** Drops a schema made by {@link #createSchema} with everything in it. */
    public static void dropSchema(String base, String schema) {
        execute(base, "DROP SCHEMA " + schema + " CASCADE");
    }

    static void execute(String url, String sql) {
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + url.replaceAll("password=[^&]*", "password=***") + ": " + e.getMessage(), e);
        }
    }
}
