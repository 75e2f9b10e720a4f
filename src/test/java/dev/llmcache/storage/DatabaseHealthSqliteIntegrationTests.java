package dev.llmcache.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.llmcache.support.ApiClient;
import dev.llmcache.support.IntegrationTestSupport;
import dev.llmcache.support.SqliteIntegrationTest;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.sqlite.SQLiteDataSource;

/**
 * Health on SQLite when the database cannot be used: the reader pool's connections are dropped and new
 * ones open a path where there is no database, so SQLite creates an empty one, as when the file has been
 * deleted under a running server. A path that cannot be opened at all would do too, but the health check
 * would then wait the reader pool's 30 s connection timeout.
 */
@SqliteIntegrationTest
@DirtiesContext
class DatabaseHealthSqliteIntegrationTests extends IntegrationTestSupport {

    @Autowired
    ReadDataSource reads;

    @Test
    void healthIsDownWithA503WhileReadsFindNoDatabaseAndUpAgainOnceTheyDo(@TempDir Path elsewhere) throws SQLException {
        assertThat(api.get("/actuator/health").status()).isEqualTo(200);
        HikariDataSource pool = (HikariDataSource) reads.dataSource();
        SQLiteDataSource sqlite = pool.getDataSource().unwrap(SQLiteDataSource.class);
        String url = sqlite.getUrl();

        sqlite.setUrl("jdbc:sqlite:" + elsewhere.resolve(DatabaseConfiguration.SQLITE_FILE_NAME));
        pool.getHikariPoolMXBean().softEvictConnections();
        try {
            ApiClient.Response health = api.get("/actuator/health");

            assertThat(health.status()).as(health.body()).isEqualTo(503);
            assertThat(health.json().get("status").asString()).isEqualTo("DOWN");
            assertThat(health.json().get("components").get("database").get("status").asString()).isEqualTo("DOWN");
            assertThat(health.json().get("components").get("diskSpace").get("status").asString()).isEqualTo("UP");
        } finally {
            sqlite.setUrl(url);
            pool.getHikariPoolMXBean().softEvictConnections();
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/actuator/health").status() == 200);
        ApiClient.Response health = api.get("/actuator/health");
        assertThat(health.json().get("status").asString()).isEqualTo("UP");
        assertThat(health.json().get("components").get("database").get("status").asString()).isEqualTo("UP");
    }
}
