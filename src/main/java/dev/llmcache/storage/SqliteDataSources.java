package dev.llmcache.storage;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
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

    private static final int INCREMENTAL = 2;

    private SqliteDataSources() {
    }

    static HikariDataSource writer(Path file, SqliteProperties properties) {
        useIncrementalAutoVacuum(file, properties);
        SQLiteConfig config = baseConfig(properties);
        // IMMEDIATE takes the write lock at BEGIN, so a second process (the offline migrate
        // command) waits for busy_timeout instead of failing on a lock upgrade.
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        HikariDataSource pool = pool(file, config, "sqlite-writer", 1);
        pool.setConnectionTimeout(properties.writeWaitTimeout().toMillis());
        return pool;
    }

    /**
     * Lets eviction give pages back to the file system with {@code PRAGMA incremental_vacuum}. The
     * mode is stored in the file, can be chosen only before the file has content (opening in WAL
     * mode already writes it) and changes afterwards only with a VACUUM: so it is set here, on a
     * plain connection, before any pool opens the file; an older file is converted once.
     */
    static void useIncrementalAutoVacuum(Path file, SqliteProperties properties) {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout((int) properties.busyTimeout().toMillis());
        try (Connection connection = config.createConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement()) {
            try (ResultSet mode = statement.executeQuery("PRAGMA auto_vacuum")) {
                if (mode.next() && mode.getInt(1) == INCREMENTAL) {
                    return;
                }
            }
            statement.execute("PRAGMA auto_vacuum = INCREMENTAL");
            statement.execute("VACUUM");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot prepare the SQLite database " + file + ": " + e.getMessage(), e);
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
        return config;
    }

    private static HikariDataSource pool(Path file, SQLiteConfig config, String name, int size) {
        SQLiteDataSource sqlite = new SQLiteDataSource(config);
        sqlite.setUrl("jdbc:sqlite:" + file);
        HikariDataSource pool = new HikariDataSource();
        pool.setDataSource(sqlite);
        pool.setPoolName(name);
        pool.setMaximumPoolSize(size);
        pool.setMinimumIdle(1);
        return pool;
    }
}
