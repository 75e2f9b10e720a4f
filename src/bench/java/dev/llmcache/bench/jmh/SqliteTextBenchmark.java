package dev.llmcache.bench.jmh;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.util.FileSystemUtils;

/**
 * Reading 100 rows of two text columns (a file path and a prompt hash, as a batch lookup reads them
 * since V34) from SQLite: sqlite-jdbc's {@code getString} against {@code getBytes} decoded in Java
 * ({@code entry.EntryRows.text}), and the same query reading one integer per row, the floor.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SqliteTextBenchmark {

    private Path dir;
    private Connection connection;
    private PreparedStatement query;

    @Setup(Level.Trial)
    public void open() throws Exception {
        dir = Files.createTempDirectory("llmcache-text-bench-");
        connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("text.db"));
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, file_path TEXT NOT NULL, prompt_hash TEXT NOT NULL)");
            for (int i = 0; i < 100; i++) {
                statement.execute("INSERT INTO t (file_path, prompt_hash) VALUES ('src/handling_" + i
                        + "/function.rs', '81e82d60ce0c" + (1000 + i) + "')");
            }
        }
        query = connection.prepareStatement("SELECT id, file_path, prompt_hash FROM t");
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        connection.close();
        FileSystemUtils.deleteRecursively(dir);
    }

    @Benchmark
    public long getString() throws SQLException {
        long length = 0;
        try (ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                length += rs.getString(2).length() + rs.getString(3).length();
            }
        }
        return length;
    }

    @Benchmark
    public long getBytesDecoded() throws SQLException {
        long length = 0;
        try (ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                length += new String(rs.getBytes(2), StandardCharsets.UTF_8).length()
                        + new String(rs.getBytes(3), StandardCharsets.UTF_8).length();
            }
        }
        return length;
    }

    @Benchmark
    public long integersOnly() throws SQLException {
        long sum = 0;
        try (ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                sum += rs.getLong(1);
            }
        }
        return sum;
    }
}
