package dev.llmcache.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.StatementCallback;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * SQLite's etiquette: one writer connection shared by every write, a WAL that the committing
 * connection checkpoints unless told otherwise, and free pages that only incremental auto-vacuum
 * gives back to the file system.
 */
final class SqliteMaintenance implements DatabaseMaintenance {

    /** Pages (4 KiB) one incremental_vacuum step gives back, holding the writer only briefly. */
    static final int VACUUM_STEP_PAGES = 1_024;
    private static final int INCREMENTAL = 2;
    /** A backup waits this long for a lock (only a checkpoint ever holds one against a reader). */
    private static final int BACKUP_BUSY_TIMEOUT_MILLIS = 30_000;
    private static final long MIN_YIELD_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    private final Path file;
    private final JdbcOperations writer;
    private final JdbcClient read;
    private final StartupIntegrity integrity;

    SqliteMaintenance(Path file, JdbcOperations writer, JdbcClient read, StartupIntegrity integrity) {
        this.file = file;
        this.writer = writer;
        this.read = read;
        this.integrity = integrity;
    }

    @Override
    public DatabaseVendor vendor() {
        return DatabaseVendor.SQLITE;
    }

    /**
     * SQLite checkpoints at commit, on the committing connection: after each batch the writer would
     * stay busy copying the WAL into the file while stores wait. During bulk work the checkpoints
     * run on a read connection instead, which needs no writer.
     */
    @Override
    public void duringBulkWork(Runnable work) {
        int autoCheckpoint = autoCheckpoint(0);
        try {
            work.run();
        } finally {
            checkpoint();
            autoCheckpoint(autoCheckpoint);
        }
    }

    /**
     * {@code VACUUM INTO} on a connection of its own: it reads one snapshot (a read transaction,
     * which in WAL mode never blocks the writer) and writes it compacted into the new file, which is
     * then forced to disk and opened to count its entries. A failed copy (a full disk) leaves no file.
     */
    @Override
    public Optional<BackupCopy> backupInto(Path target) {
        try {
            Files.createDirectories(target.getParent());
            SQLiteConfig config = new SQLiteConfig();
            config.setBusyTimeout(BACKUP_BUSY_TIMEOUT_MILLIS);
            try (Connection connection = config.createConnection("jdbc:sqlite:" + file);
                    PreparedStatement vacuum = connection.prepareStatement("VACUUM INTO ?")) {
                vacuum.setString(1, target.toString());
                vacuum.execute();
            }
            try (FileChannel channel = FileChannel.open(target, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            return Optional.of(new BackupCopy(target, Files.size(target), entriesIn(target)));
        } catch (SQLException | IOException | RuntimeException e) {
            deleteQuietly(target);
            if (e instanceof SQLException sql) {
                // Spring's code-based translator knows no SQLite codes (it answered null, and the backup a
                // NullPointerException): the SQLite error travels as the cause, for StorageFailure to classify
                throw new UncategorizedSQLException("VACUUM INTO " + target, null, sql);
            }
            if (e instanceof IOException io) {
                throw new UncheckedIOException("cannot write the backup " + target + ": " + io.getMessage(), io);
            }
            throw (RuntimeException) e;
        }
    }

    private static long entriesIn(Path copy) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        try (Connection connection = config.createConnection("jdbc:sqlite:" + copy);
                Statement statement = connection.createStatement();
                ResultSet count = statement.executeQuery("SELECT count(*) FROM entries")) {
            return count.next() ? count.getLong(1) : 0;
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // nothing more to do: the error that made the copy fail is the one to report
        }
    }

    @Override
    public void checkpoint() {
        read.sql("PRAGMA wal_checkpoint(PASSIVE)").query().listOfRows();
    }

    /**
     * A thread that gives the writer back and asks again at once usually gets it before a waiting
     * store has even woken up; stepping aside for a tenth of the batch's time (at least 2 ms) makes
     * a waiting store wait for at most one batch.
     */
    @Override
    public boolean yieldWriter(long startedNanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(Math.max(MIN_YIELD_NANOS, (System.nanoTime() - startedNanos) / 10));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The file shrinks at the checkpoint that follows; a file made without incremental auto-vacuum only reuses its pages. */
    @Override
    public void reclaimFreePages() {
        duringBulkWork(() -> {
            if (read.sql("PRAGMA auto_vacuum").query(Integer.class).single() != INCREMENTAL) {
                return;
            }
            long free = pragma("freelist_count");
            for (long done = 0; done < free; done += VACUUM_STEP_PAGES) {
                long started = System.nanoTime();
                vacuumStep();
                if (done + VACUUM_STEP_PAGES < free && !yieldWriter(started)) {
                    return;
                }
            }
        });
    }

    @Override
    public long sizeOnDisk() {
        return size(file) + size(wal());
    }

    @Override
    public long settledSizeOnDisk() {
        writer.execute((StatementCallback<Boolean>) statement ->
                statement.execute("PRAGMA wal_checkpoint(TRUNCATE)"));
        return sizeOnDisk();
    }

    @Override
    public void compact() {
        writer.execute((StatementCallback<Boolean>) statement -> statement.execute("VACUUM"));
    }

    @Override
    public Map<String, Object> healthDetails() {
        long pageSize = pragma("page_size");
        long freePages = pragma("freelist_count");
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("file", file.toString());
        details.put("fileBytes", size(file));
        details.put("walBytes", size(wal()));
        details.put("pageSize", pageSize);
        details.put("pages", pragma("page_count"));
        details.put("freePages", freePages);
        details.put("freeBytes", freePages * pageSize);
        details.putAll(integrity.details());
        return details;
    }

    /** ShedLock inserts its row the first time and expects a DuplicateKeyException when it exists; Spring cannot classify SQLite's constraint errors by itself. */
    @Override
    public void configureLocks(JdbcTemplateLockProvider.Configuration.Builder configuration, JdbcTemplate jdbc) {
        var fallback = jdbc.getExceptionTranslator();
        jdbc.setExceptionTranslator((task, sql, e) -> e instanceof SQLiteException sqlite
                && (sqlite.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY
                        || sqlite.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE)
                ? new DuplicateKeyException(task + ": " + e.getMessage(), e)
                : fallback.translate(task, sql, e));
    }

    /** Gives up to {@link #VACUUM_STEP_PAGES} free pages back, on the writer. */
    private void vacuumStep() {
        // Each step of this statement frees one page and "returns a row": only a plain
        // Statement.executeUpdate runs it to the end (execute() frees one page, a
        // PreparedStatement refuses it).
        writer.execute((StatementCallback<Integer>) statement ->
                statement.executeUpdate("PRAGMA incremental_vacuum(" + VACUUM_STEP_PAGES + ")"));
    }

    /** Sets the writer's automatic checkpoint threshold (pages; 0 = off) and answers the previous one. */
    private int autoCheckpoint(int pages) {
        return writer.execute((ConnectionCallback<Integer>) connection -> {
            try (Statement statement = connection.createStatement()) {
                int previous;
                try (ResultSet current = statement.executeQuery("PRAGMA wal_autocheckpoint")) {
                    previous = current.next() ? current.getInt(1) : 1000;
                }
                statement.executeQuery("PRAGMA wal_autocheckpoint = " + pages).close();
                return previous;
            }
        });
    }

    private long pragma(String name) {
        return read.sql("PRAGMA " + name).query(Long.class).single();
    }

    private Path wal() {
        return file.resolveSibling(file.getFileName() + "-wal");
    }

    private static long size(Path path) {
        try {
            return Files.exists(path) ? Files.size(path) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
