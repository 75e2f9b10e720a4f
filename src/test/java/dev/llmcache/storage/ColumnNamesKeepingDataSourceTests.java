package dev.llmcache.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;
import org.sqlite.core.CoreResultSet;

/**
 * The SQLite pools' statements read their result's column names from SQLite once, when compiled,
 * and again only when SQLite compiled the statement anew for a changed schema.
 */
class ColumnNamesKeepingDataSourceTests {

    @TempDir
    Path directory;

    HikariDataSource writer;

    @BeforeEach
    void openPool() throws SQLException {
        SqliteProperties properties = new SqliteProperties(SqliteProperties.Synchronous.FULL, 2, Duration.ofSeconds(5),
                Duration.ofSeconds(5), DataSize.ofMegabytes(2), false);
        writer = SqliteDataSources.writer(directory.resolve("cache.db"), properties);
        try (Connection connection = writer.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)");
            statement.execute("INSERT INTO t (v) VALUES ('one'), ('two')");
        }
    }

    @AfterEach
    void closePool() {
        writer.close();
    }

    @Test
    void aStatementRunAgainAnswersWithTheNamesReadWhenItWasCompiled() throws SQLException {
        try (Connection connection = writer.getConnection()) {
            String[] first = namesOfARun(connection, "SELECT id, v FROM t WHERE id = 1", "one");
            String[] second = namesOfARun(connection, "SELECT id, v FROM t WHERE id = 1", "one");

            // sqlite-jdbc alone reads them again into a new array on every run
            assertThat(second).isSameAs(first).containsExactly("id", "v");
        }
    }

    @Test
    void aStatementSqliteCompiledAgainForAChangedSchemaAnswersWithItsNewNames() throws SQLException {
        try (Connection connection = writer.getConnection()) {
            namesOfARun(connection, "SELECT * FROM t WHERE id = 1", "one");
            try (Statement statement = connection.createStatement()) {
                statement.execute("ALTER TABLE t ADD COLUMN w TEXT DEFAULT 'new'");
            }

            try (PreparedStatement statement = connection.prepareStatement("SELECT * FROM t WHERE id = 1");
                    ResultSet rows = statement.executeQuery()) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getMetaData().getColumnCount()).isEqualTo(3);
                assertThat(rows.getString("w")).isEqualTo("new");
            }
        }
    }

    /** Runs a query (prepared from the connection's statement cache) and returns the names its result set had. */
    private static String[] namesOfARun(Connection connection, String sql, String expected) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet rows = statement.executeQuery()) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString("v")).isEqualTo(expected);
            return rows.unwrap(CoreResultSet.class).colsMeta;
        }
    }
}
