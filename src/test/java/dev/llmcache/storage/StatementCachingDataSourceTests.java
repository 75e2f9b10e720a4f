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
import org.apache.commons.dbcp2.DelegatingPreparedStatement;
import org.apache.commons.dbcp2.PoolingConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

/**
 * The SQLite pools keep prepared statements per connection: a query prepared again is the same
 * SQLite statement, a statement back in the cache holds no read snapshot, and the cache is bounded.
 * Their connections run no statement the server did not ask for.
 */
class StatementCachingDataSourceTests {

    @TempDir
    Path directory;

    HikariDataSource writer;
    HikariDataSource readers;

    @BeforeEach
    void openPools() throws SQLException {
        Path file = directory.resolve("cache.db");
        SqliteProperties properties = new SqliteProperties(SqliteProperties.Synchronous.FULL, 2, Duration.ofSeconds(5),
                Duration.ofSeconds(5), DataSize.ofMegabytes(2), false);
        writer = SqliteDataSources.writer(file, properties);
        readers = SqliteDataSources.readers(file, properties);
        try (Connection connection = writer.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)");
            statement.execute("INSERT INTO t (v) VALUES ('one'), ('two')");
        }
    }

    @AfterEach
    void closePools() {
        readers.close();
        writer.close();
    }

    @Test
    void aQueryPreparedAgainOnTheSameConnectionIsTheSameSqliteStatement() throws SQLException {
        try (Connection connection = readers.getConnection()) {
            Statement first = readValue(connection, 1, "one");
            Statement second = readValue(connection, 2, "two");

            assertThat(second).isSameAs(first);
        }
    }

    @Test
    void aCachedStatementIsReusedAcrossBorrowsOfThePool() throws SQLException {
        Statement first;
        try (Connection connection = writer.getConnection()) {
            first = readValue(connection, 1, "one");
        }
        try (Connection connection = writer.getConnection()) {
            assertThat(readValue(connection, 2, "two")).isSameAs(first);
        }
    }

    @Test
    void aStatementBackInTheCacheHoldsNoReadSnapshotSoACheckpointEmptiesTheWal() throws SQLException {
        try (Connection reader = readers.getConnection()) {
            // a result set left open and unread: the cache must close and reset it
            PreparedStatement open = reader.prepareStatement("SELECT v FROM t");
            assertThat(open.executeQuery().next()).isTrue();
            open.close();

            try (Connection connection = writer.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("INSERT INTO t (v) VALUES ('three')");
                try (ResultSet checkpoint = statement.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
                    assertThat(checkpoint.next()).isTrue();
                    assertThat(checkpoint.getInt(1)).as("busy").isZero();
                }
            }
            assertThat(readValue(reader, 3, "three")).isNotNull();
        }
    }

    @Test
    void eachConnectionKeepsABoundedNumberOfIdleStatements() throws SQLException {
        try (Connection connection = readers.getConnection()) {
            for (int i = 0; i < 100; i++) {
                try (PreparedStatement statement = connection.prepareStatement("SELECT v, " + i + " FROM t WHERE id = 1");
                        ResultSet rows = statement.executeQuery()) {
                    assertThat(rows.next()).isTrue();
                }
            }
            PoolingConnection pooling = connection.unwrap(PoolingConnection.class);

            assertThat(pooling.getStatementPool().getNumIdle()).isLessThanOrEqualTo(64).isPositive();
        }
    }

    @Test
    void anInsertDoesNotAskSqliteForTheNewRowIdWhichTheServerReadsWithReturning() throws SQLException {
        try (Connection connection = writer.getConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO t (v) VALUES (?)")) {
            insert.setString(1, "three");
            assertThat(insert.executeUpdate()).isOne();

            // sqlite-jdbc's default runs and holds "SELECT last_insert_rowid()" here, after every INSERT
            try (ResultSet keys = insert.getGeneratedKeys()) {
                assertThat(keys.next()).isFalse();
            }
        }
    }

    @Test
    void theWritersSavepointJournalsStayInMemoryWhileTheReadersKeepTemporaryFiles() throws SQLException {
        assertThat(tempStore(writer)).as("writer: 2 = MEMORY").isEqualTo(2);
        assertThat(tempStore(readers)).as("readers: 0 = DEFAULT").isZero();
    }

    private static int tempStore(HikariDataSource pool) throws SQLException {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("PRAGMA temp_store")) {
            assertThat(rows.next()).isTrue();
            return rows.getInt(1);
        }
    }

    /** Reads one row through a fresh prepare and returns the SQLite statement underneath. */
    private static Statement readValue(Connection connection, long id, String expected) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT v FROM t WHERE id = ?")) {
            statement.setLong(1, id);
            try (ResultSet rows = statement.executeQuery()) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo(expected);
            }
            return statement.unwrap(DelegatingPreparedStatement.class).getInnermostDelegate();
        }
    }
}
