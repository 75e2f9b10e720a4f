package dev.llmcache.storage;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Builds the SQLite pools: exactly one writer connection, so writes are serialised in the
 * application and never meet {@code SQLITE_BUSY}, and a read-only pool that runs in parallel
 * thanks to WAL.
 */
final class SqliteDataSources {

    private SqliteDataSources() {
    }

    static HikariDataSource writer(Path file, SqliteProperties properties) {
        SQLiteConfig config = baseConfig(properties);
        // IMMEDIATE takes the write lock at BEGIN, so a second process (the offline migrate
        // command) waits for busy_timeout instead of failing on a lock upgrade.
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        HikariDataSource pool = pool(file, config, "sqlite-writer", 1);
        // Must precede the first table: lets eviction give pages back with incremental_vacuum.
        pool.setConnectionInitSql("PRAGMA auto_vacuum = INCREMENTAL");
        pool.setConnectionTimeout(properties.writeWaitTimeout().toMillis());
        return pool;
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
