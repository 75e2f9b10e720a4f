package dev.llmcache.storage;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Properties;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteDataSource;
import org.sqlite.core.DB;
import org.sqlite.jdbc4.JDBC4Connection;
import org.sqlite.jdbc4.JDBC4PreparedStatement;

/**
 * A SQLite data source whose prepared statements ask SQLite for their result's column names once,
 * when they are compiled, instead of on every execution.
 *
 * <p>Why: sqlite-jdbc forgets the names when a statement's result set is closed and fetches them
 * again, one JNI string per column, when the statement runs next; for the 30 columns of an entry
 * that was 5.9 % of a GET hit and 6.9 % of a miss (docs/performance.md). The names of a compiled
 * statement cannot change while it lives: the SQL names its columns, and the schema changes only
 * in Flyway's migrations, before the server serves. The statement cache
 * ({@link StatementCachingDataSource}) keeps these statements, so each is compiled once per
 * connection and its names are fetched once with it.
 */
final class ColumnNamesKeepingDataSource extends SQLiteDataSource {

    private static final String PREFIX = "jdbc:sqlite:";

    ColumnNamesKeepingDataSource(SQLiteConfig config, Path file) {
        super(config);
        setUrl(PREFIX + file);
    }

    @Override
    public SQLiteConnection getConnection(String username, String password) throws SQLException {
        Properties properties = getConfig().toProperties();
        if (username != null) {
            properties.put("user", username);
        }
        if (password != null) {
            properties.put("pass", password);
        }
        // the file from the URL at each call, as sqlite-jdbc's own data source reads it (setUrl may change it)
        String url = getUrl().trim();
        return new NamesKeepingConnection(url, url.substring(PREFIX.length()), properties);
    }

    /** Opens the statements below, as sqlite-jdbc's own connection would open its own. */
    private static final class NamesKeepingConnection extends JDBC4Connection {

        NamesKeepingConnection(String url, String fileName, Properties properties) throws SQLException {
            super(url, fileName, properties);
        }

        @Override
        public PreparedStatement prepareStatement(String sql, int type, int concurrency, int holdability) throws SQLException {
            checkOpen();
            checkCursor(type, concurrency, holdability);
            return new NamesKeepingStatement(this, sql);
        }
    }

    /**
     * Hands its result set the names read when it was compiled: sqlite-jdbc's {@code executeQuery}
     * closes the last result set (which drops its names), runs the statement, then asks
     * {@link #getResultSet()}, which reads the names again only where they are missing.
     */
    private static final class NamesKeepingStatement extends JDBC4PreparedStatement {

        private final String[] names;

        NamesKeepingStatement(SQLiteConnection connection, String sql) throws SQLException {
            super(connection, sql); // reads the names once, as it compiles the statement
            this.names = rs.colsMeta;
        }

        @Override
        public ResultSet getResultSet() throws SQLException {
            // the count guards against a statement SQLite compiled again after a change of schema
            if (rs.colsMeta == null && !rs.isOpen() && pointer.safeRunInt(DB::column_count) == names.length) {
                rs.colsMeta = names;
            }
            return super.getResultSet();
        }
    }
}
