package dev.llmcache.storage;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Builds the SQLite pools: exactly one writer connection, so writes are serialised in the
 * application and never meet {@code SQLITE_BUSY}, and a read-only pool that runs in parallel
 * thanks to WAL.
 */
final class SqliteDataSources {

    /** Idle prepared statements kept per connection: the server runs a few dozen distinct queries. */
    private static final int STATEMENTS_PER_CONNECTION = 64;

    private SqliteDataSources() {
    }

    static HikariDataSource writer(Path file, SqliteProperties properties) {
        prepareNewFile(file);
        SQLiteConfig config = baseConfig(properties);
        // IMMEDIATE takes the write lock at BEGIN, so a second process (the offline migrate
        // command) waits for busy_timeout instead of failing on a lock upgrade.
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        config.setCacheSize((int) -properties.writerCacheSize().toKilobytes()); // negative: KiB, not pages
        // Each store of a group runs under a savepoint, whose journal (the pages as they were, for a
        // rollback to it) SQLite otherwise writes to a temporary file: 15 % of the writer's wall time
        // in a store's profile. It only serves rollbacks inside the transaction, never recovery, and
        // holds the pages one store or one batch touches. The readers keep their temporary files.
        config.setTempStore(SQLiteConfig.TempStore.MEMORY);
        HikariDataSource pool = pool(file, config, "sqlite-writer", 1);
        pool.setConnectionTimeout(properties.writeWaitTimeout().toMillis());
        return pool;
    }

    /**
     * Creates a new database file with incremental auto-vacuum, so eviction can give pages back
     * to the file system. It must be set before WAL mode and before the first table, so it is
     * done here on a plain connection rather than through the pool's configuration.
     */
    private static void prepareNewFile(Path file) {
        try {
            if (Files.exists(file) && Files.size(file) > 0) {
                return;
            }
            try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                    Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA auto_vacuum = INCREMENTAL");
                statement.execute("VACUUM");
            }
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("cannot create the SQLite database " + file + ": " + e.getMessage(), e);
        }
    }

    static HikariDataSource readers(Path file, SqliteProperties properties) {
        HikariDataSource pool = pool(file, baseConfig(properties), "sqlite-reader", properties.readPoolSize());
        pool.setConnectionInitSql("PRAGMA query_only = 1");
        return pool;
    }

    private static SQLiteConfig baseConfig(SqliteProperties properties) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.valueOf(properties.synchronous().name()));
        config.setBusyTimeout((int) properties.busyTimeout().toMillis());
        config.enforceForeignKeys(true);
        // else sqlite-jdbc runs "SELECT last_insert_rowid()" after every INSERT, compiled afresh each
        // time (5 % of the writer's CPU in a store): the server reads new ids with RETURNING instead
        config.setGetGeneratedKeys(false);
        return config;
    }

    private static HikariDataSource pool(Path file, SQLiteConfig config, String name, int size) {
        SQLiteDataSource sqlite = new ColumnNamesKeepingDataSource(config, file);
        HikariDataSource pool = new HikariDataSource();
        pool.setDataSource(new StatementCachingDataSource(sqlite, STATEMENTS_PER_CONNECTION));
        pool.setPoolName(name);
        pool.setMaximumPoolSize(size);
        pool.setMinimumIdle(1);
        return pool;
    }
}
