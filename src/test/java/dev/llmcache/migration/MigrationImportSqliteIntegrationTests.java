package dev.llmcache.migration;

import dev.llmcache.support.SqliteIntegrationTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.StatementCallback;

@SqliteIntegrationTest
class MigrationImportSqliteIntegrationTests extends MigrationImportScenarios {

    @Autowired
    JdbcTemplate writer;

    @Value("${cache.data-dir}")
    Path dataDir;

    /** What {@code du} counts: every file of the data directory (database, WAL, shared memory), after a full checkpoint. */
    @Override
    long databaseBytesOnDisk() {
        writer.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        try (Stream<Path> files = Files.list(dataDir)) {
            return files.filter(Files::isRegularFile).mapToLong(MigrationImportSqliteIntegrationTests::size).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The server makes its files with incremental auto-vacuum: this gives every free page back. */
    @Override
    void releaseFreeSpace() {
        // only executeUpdate runs this pragma to its end (execute frees one page)
        writer.execute((StatementCallback<Integer>) statement -> statement.executeUpdate("PRAGMA incremental_vacuum"));
        writer.execute("PRAGMA wal_checkpoint(TRUNCATE)");
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
