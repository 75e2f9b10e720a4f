package dev.llmcache.storage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.sqlite.SQLiteConfig;
import org.springframework.util.FileSystemUtils;
import org.sqlite.SQLiteDataSource;

/**
 * One row of 30 columns read by its primary key from one prepared statement run again and again,
 * as a GET hit reads its entry: through sqlite-jdbc's own data source ({@code kept=false}), which
 * reads the 30 column names from SQLite on every run, and through {@link ColumnNamesKeepingDataSource};
 * and a hundred rows from one run, as a batch lookup reads them.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ColumnNamesBenchmark {

    private static final int COLUMNS = 30;
    private static final int ROWS = 2_000;

    @Param({"false", "true"})
    public boolean kept;

    private Path dir;
    private Connection connection;
    private PreparedStatement query;
    private PreparedStatement hundred;
    private long next;

    @Setup(Level.Trial)
    public void open() throws Exception {
        dir = Files.createTempDirectory("llmcache-names-bench-");
        Path file = dir.resolve("names.db");
        SQLiteConfig config = new SQLiteConfig();
        SQLiteDataSource source = kept ? new ColumnNamesKeepingDataSource(config, file) : new SQLiteDataSource(config);
        source.setUrl("jdbc:sqlite:" + file);
        connection = source.getConnection();
        String columns = IntStream.range(1, COLUMNS).mapToObj(i -> "c" + i).collect(Collectors.joining(", "));
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, "
                    + IntStream.range(1, COLUMNS).mapToObj(i -> "c" + i + (i % 3 == 0 ? " BLOB" : " INTEGER"))
                            .collect(Collectors.joining(", ")) + ")");
            statement.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " + ROWS + ") "
                    + "INSERT INTO t (id, " + columns + ") SELECT i, "
                    + IntStream.range(1, COLUMNS).mapToObj(c -> c % 3 == 0 ? "randomblob(32)" : "i * " + c)
                            .collect(Collectors.joining(", ")) + " FROM n");
        }
        query = connection.prepareStatement("SELECT id, " + columns + " FROM t WHERE id = ?");
        hundred = connection.prepareStatement("SELECT id, " + columns + " FROM t WHERE id BETWEEN ? AND ? + 99");
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        connection.close();
        FileSystemUtils.deleteRecursively(dir);
    }

    @Benchmark
    public long readRow() throws SQLException {
        next = next % ROWS + 1;
        query.setLong(1, next);
        try (ResultSet rs = query.executeQuery()) {
            rs.next();
            return sumOfRow(rs);
        }
    }

    /** A hundred rows from one run, as a batch lookup reads them: the names are read once a run either way. */
    @Benchmark
    public long readHundredRows() throws SQLException {
        next = next % (ROWS - 100) + 1;
        hundred.setLong(1, next);
        hundred.setLong(2, next);
        long sum = 0;
        try (ResultSet rs = hundred.executeQuery()) {
            while (rs.next()) {
                sum += sumOfRow(rs);
            }
        }
        return sum;
    }

    /** Reads every column of the current row by position, as {@code entry.EntryRows} does: blobs as bytes, the rest as numbers. */
    private static long sumOfRow(ResultSet rs) throws SQLException {
        long sum = 0;
        for (int column = 1; column <= COLUMNS; column++) {
            sum += column % 3 == 1 && column > 1 ? rs.getBytes(column).length : rs.getLong(column);
        }
        return sum;
    }
}
