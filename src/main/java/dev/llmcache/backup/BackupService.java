package dev.llmcache.backup;

import dev.llmcache.config.CacheProperties;
import dev.llmcache.storage.BackupCopy;
import dev.llmcache.storage.DatabaseMaintenance;
import dev.llmcache.storage.StorageFailure;
import dev.llmcache.support.ByteSizes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Service;

/**
 * Online backups of the SQLite database into {@code cache.backup-dir}: one at a time, each into a
 * new file named after its UTC time, with a progress line every few seconds while it runs (the
 * copy's size against the database's) and a line when it ends.
 */
@Service
public class BackupService {

    private static final Logger log = LoggerFactory.getLogger(BackupService.class);
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    static final Duration PROGRESS_PERIOD = Duration.ofSeconds(5);

    private final DatabaseMaintenance database;
    private final Path directory;
    private final Clock clock;
    private final TaskScheduler scheduler;
    private final ReentrantLock running = new ReentrantLock();

    BackupService(DatabaseMaintenance database, CacheProperties cache, Clock clock, TaskScheduler taskScheduler) {
        this.database = database;
        this.directory = cache.effectiveBackupDir().toAbsolutePath().normalize();
        this.clock = clock;
        this.scheduler = taskScheduler;
    }

    /** A backup taken now; empty when this database is backed up with its own tools (PostgreSQL). */
    public Optional<Backup> backUp() {
        if (!running.tryLock()) {
            throw new BackupRunningException();
        }
        try {
            Instant createdAt = clock.instant();
            Path target = newFile(createdAt);
            long databaseBytes = database.sizeOnDisk();
            long started = System.nanoTime();
            ScheduledFuture<?> progress = scheduler.scheduleAtFixedRate(() -> progress(target, databaseBytes, started),
                    Instant.now().plus(PROGRESS_PERIOD), PROGRESS_PERIOD);
            Optional<BackupCopy> copy;
            try {
                copy = database.backupInto(target);
            } catch (UncheckedIOException | DataAccessException e) {
                throw failed(e);
            } finally {
                progress.cancel(false);
            }
            copy.ifPresent(done -> log.info("Backup written to {}: {}, {} entries, in {} ms", done.path(),
                    ByteSizes.format(done.bytes()), done.entries(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)));
            return copy.map(done -> new Backup(done.path(), done.bytes(), done.entries(), createdAt));
        } finally {
            running.unlock();
        }
    }

    /** A copy the backup directory could not take is the client's 507; any other failure stays a 500. */
    private RuntimeException failed(RuntimeException e) {
        Throwable cause = NestedExceptionUtils.getMostSpecificCause(e);
        boolean cannotWrite = e instanceof UncheckedIOException || StorageFailure.classify(e) == StorageFailure.CANNOT_WRITE;
        if (!cannotWrite) {
            return e;
        }
        log.warn("Backup to {} failed: {}", directory, cause.toString());
        return new BackupFailedException(directory, cause.getMessage());
    }

    /** The directory backups go to. */
    public Path directory() {
        return directory;
    }

    /** {@code llm-cache-<UTC time>.db}, with a counter when a backup of the same second exists. */
    private Path newFile(Instant createdAt) {
        String stem = "llm-cache-" + FILE_TIME.format(createdAt);
        Path file = directory.resolve(stem + ".db");
        for (int n = 2; Files.exists(file); n++) {
            file = directory.resolve(stem + "-" + n + ".db");
        }
        return file;
    }

    private static void progress(Path target, long databaseBytes, long started) {
        long written;
        try {
            written = Files.exists(target) ? Files.size(target) : 0;
        } catch (IOException e) {
            return;
        }
        log.info("Backup to {} in progress: {} written of about {} (the database's size on disk), {} s", target,
                ByteSizes.format(written), ByteSizes.format(databaseBytes),
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
    }
}
