package dev.llmcache.storage;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.springframework.beans.factory.DisposableBean;

/**
 * The connections reads use: SQLite's own reader pool (closed with the context), or the one
 * PostgreSQL pool shared with writes.
 */
public record ReadDataSource(DataSource dataSource, boolean owned) implements DisposableBean {

    @Override
    public void destroy() {
        if (owned && dataSource instanceof HikariDataSource pool) {
            pool.close();
        }
    }
}
