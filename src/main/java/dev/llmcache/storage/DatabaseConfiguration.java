package dev.llmcache.storage;

import com.zaxxer.hikari.HikariDataSource;
import dev.llmcache.config.CacheProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.flyway.autoconfigure.FlywayDataSource;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.DependsOn;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Chooses the database: PostgreSQL when {@code spring.datasource.url} is set, else an embedded
 * SQLite file under {@code cache.data-dir} with one writer connection and a pool of readers.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    static final String SQLITE_FILE_NAME = "cache.db";

    @Bean
    DatabaseVendor databaseVendor(DataSourceProperties properties) {
        return DatabaseVendor.fromJdbcUrl(properties.getUrl());
    }

    /** Runs before any pool or migration opens the SQLite file, so that a damaged file is named as such. */
    @Bean
    StartupIntegrity startupIntegrity(DatabaseVendor vendor, CacheProperties cache, SqliteProperties sqlite) {
        if (vendor == DatabaseVendor.POSTGRESQL) {
            // no database file, but the directory still holds backups of migrated sources, and /actuator/health
            // checks its disk: a missing one read as a full disk, and a working replica answered DOWN (503)
            dataDirectory(cache);
            return StartupIntegrity.notChecked("not checked: PostgreSQL");
        }
        if (!sqlite.startupCheck()) {
            return StartupIntegrity.notChecked("not checked: cache.sqlite.startup-check=false");
        }
        return StartupIntegrity.check(databaseFile(cache), sqlite.busyTimeout());
    }

    @Bean
    @Primary
    @FlywayDataSource
    @DependsOn("startupIntegrity")
    HikariDataSource dataSource(DatabaseVendor vendor, DataSourceProperties properties,
            CacheProperties cache, SqliteProperties sqlite, Environment environment) {
        if (vendor == DatabaseVendor.POSTGRESQL) {
            HikariDataSource pool = properties.initializeDataSourceBuilder().type(HikariDataSource.class).build();
            pool.setPoolName("postgresql");
            // Bound only here: on SQLite the pool sizes are ours, one writer is the whole point.
            Binder.get(environment).bind("spring.datasource.hikari", Bindable.ofInstance(pool));
            return pool;
        }
        return SqliteDataSources.writer(databaseFile(cache), sqlite);
    }

    @Bean
    ReadDataSource readDataSource(DatabaseVendor vendor, DataSourceProperties properties, CacheProperties cache,
            SqliteProperties sqlite, Environment environment) {
        if (vendor == DatabaseVendor.POSTGRESQL) {
            // Reads get their own pool here too, so writers queued on a row lock can never take
            // every connection and starve hits and statistics.
            HikariDataSource readers = properties.initializeDataSourceBuilder().type(HikariDataSource.class).build();
            Binder.get(environment).bind("spring.datasource.hikari", Bindable.ofInstance(readers));
            readers.setPoolName("postgresql-read");
            readers.setReadOnly(true);
            return new ReadDataSource(readers, true);
        }
        return new ReadDataSource(SqliteDataSources.readers(databaseFile(cache), sqlite), true);
    }

    @Bean
    @Primary
    JdbcClient jdbcClient(DataSource dataSource) {
        return JdbcClient.create(dataSource);
    }

    @Bean
    @Primary
    NamedParameterJdbcTemplate namedParameterJdbcTemplate(DataSource dataSource) {
        return new NamedParameterJdbcTemplate(dataSource);
    }

    @Bean
    @ReadOnly
    JdbcClient readJdbcClient(ReadDataSource readDataSource) {
        return JdbcClient.create(readDataSource.dataSource());
    }

    @Bean
    PlatformTransactionManager transactionManager(DatabaseVendor vendor, DataSource dataSource) {
        return vendor == DatabaseVendor.SQLITE ? new SqliteTransactionManager(dataSource)
                : new DataSourceTransactionManager(dataSource);
    }

    @Bean
    DatabaseMaintenance databaseMaintenance(DatabaseVendor vendor, CacheProperties cache, DataSource dataSource,
            @ReadOnly JdbcClient read, StartupIntegrity integrity) {
        return vendor == DatabaseVendor.SQLITE
                ? new SqliteMaintenance(databaseFile(cache), new JdbcTemplate(dataSource), read, integrity)
                : new PostgresMaintenance(read, new JdbcTemplate(dataSource));
    }

    @Bean
    GroupCommit groupCommit(DatabaseVendor vendor, PlatformTransactionManager transactionManager, SqliteProperties sqlite,
            PostgresProperties postgres, JdbcClient write) {
        // one thread of its own: it is the writer of every group, for the application's lifetime
        SimpleAsyncTaskExecutor writerThread = new SimpleAsyncTaskExecutor("group-commit-");
        return vendor == DatabaseVendor.SQLITE
                ? new GroupCommit(transactionManager, GroupCommit.Mode.SAVEPOINTS, writerThread, sqlite.writeWaitTimeout())
                : new GroupCommit(transactionManager,
                        postgres.groupCommit() ? GroupCommit.Mode.RERUN_ON_FAILURE : GroupCommit.Mode.SEPARATE,
                        new GroupStatistics(write)::defer, writerThread, postgres.writeWaitTimeout());
    }

    @Bean
    TransactionTemplate transactionTemplate(PlatformTransactionManager transactionManager) {
        return new TransactionTemplate(transactionManager);
    }

    static Path databaseFile(CacheProperties cache) {
        return dataDirectory(cache).resolve(SQLITE_FILE_NAME);
    }

    private static Path dataDirectory(CacheProperties cache) {
        Path dir = cache.dataDir().toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cache.data-dir " + dir + " cannot be created: " + e.getMessage(), e);
        }
        return dir;
    }
}
