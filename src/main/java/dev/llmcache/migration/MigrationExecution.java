package dev.llmcache.migration;

import dev.llmcache.compression.DictionaryJob;
import dev.llmcache.entry.ImportRepository;
import dev.llmcache.storage.DatabaseMaintenance;
import dev.llmcache.storage.StorageFailure;
import dev.llmcache.web.AuditLog;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

/**
 * Runs one migration from start to end and records how it ended: backup first when asked, then the
 * import; any failure of the migration as a whole (not of a file) ends it as FAILED with a reason. One
 * INFO line when it starts and one when it ends. The database's size on disk is measured, settled, before
 * and after the import: the result's {@code destinationSize} is what it grew by (a dry run writes nothing).
 */
final class MigrationExecution {

    private static final Logger log = LoggerFactory.getLogger(MigrationExecution.class);
    private static final String RESUME = "; run the same migration again to resume, entries already imported are "
            + "skipped";

    private final MigrationRunner runner;
    private final SourceBackup backup;
    private final Path backupRoot;
    private final MigrationJobs jobs;
    private final DatabaseMaintenance database;
    private final ImportRepository imports;
    private final Clock clock;
    private final DictionaryJob dictionaries;

    MigrationExecution(MigrationRunner runner, SourceBackup backup, Path backupRoot, MigrationJobs jobs,
            DatabaseMaintenance database, ImportRepository imports, Clock clock, DictionaryJob dictionaries) {
        this.dictionaries = dictionaries;
        this.runner = runner;
        this.backup = backup;
        this.backupRoot = backupRoot;
        this.jobs = jobs;
        this.database = database;
        this.imports = imports;
        this.clock = clock;
    }

    void run(MigrationJob job, Consumer<MigrationJob> onBatch) {
        run(job, onBatch, Compaction.NEVER);
    }

    /**
     * Runs the job; where {@code compaction} applies (the offline command: by default when the database
     * held no entries when the job started), an import that ran to its end (not a dry run) ends with
     * {@link DatabaseMaintenance#compact()}, before its growth on disk is measured, so that
     * {@code destinationSize} is what the compacted database grew by.
     */
    void run(MigrationJob job, Consumer<MigrationJob> onBatch, Compaction compaction) {
        long started = System.nanoTime();
        log.info("Migration {} started: {} ({}) into namespace {}{}{}{}", job.id(), job.source().root(),
                job.source().layout(), job.namespace(), job.dryRun() ? ", dry run" : "", job.backup() ? ", backup" : "",
                job.verify() ? ", verify" : "");
        String error = null;
        long sizeBefore = 0;
        try {
            if (job.backup()) {
                job.backedUpTo(backup.backup(job.source(), backupRoot).toString());
            }
            sizeBefore = job.dryRun() ? 0 : database.settledSizeOnDisk();
            boolean compact = !job.dryRun() && compaction.applies(imports::holdsEntries);
            // A kind gets its dictionary as soon as enough of it is stored, so that the rest of the
            // import is compressed with it; at the end, the frames stored before it are re-compressed.
            runner.importAll(job, job.dryRun() ? onBatch : batch -> {
                onBatch.accept(batch);
                dictionaries.trainDue();
            });
            if (!job.dryRun()) {
                recompress(job);
                if (compact) {
                    compact(job);
                }
            }
        } catch (MigrationRunner.Cancelled e) {
            error = "interrupted: the server stopped" + RESUME;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted: the server stopped" + RESUME;
        } catch (IOException e) {
            error = e.getMessage(); // the backup's, naming what it left behind
        } catch (DataAccessException e) {
            error = describe(e) + RESUME;
        } catch (RuntimeException e) {
            log.error("Migration {} failed unexpectedly", job.id(), e);
            error = "unexpected failure (" + e + "); the server log has the details" + RESUME;
        }
        if (!job.dryRun()) {
            measureGrowth(job, sizeBefore);
        }
        // on the audit log before anyone can see it ended, so that a reader of the end finds its line
        audit(job, error);
        if (error == null) {
            job.succeeded(now());
        } else {
            job.failed(error, now());
        }
        try {
            jobs.persist(job);
        } catch (RuntimeException e) {
            log.warn("Could not record the end of migration {} yet (retried in the background): {}", job.id(),
                    e.getMessage());
        }
        MigrationProgress progress = job.view().progress();
        log.info("Migration {} {} in {}: {} files, {} migrated, {} skipped, {} failed{}", job.id(),
                job.view().status() == MigrationStatus.SUCCEEDED ? "ended" : "FAILED",
                Duration.ofNanos(System.nanoTime() - started).truncatedTo(ChronoUnit.MILLIS), progress.done(),
                progress.migrated(), progress.skipped(), progress.failed(),
                job.view().error() == null ? "" : ": " + job.view().error());
    }

    private void recompress(MigrationJob job) {
        try {
            DictionaryJob.Run run = dictionaries.runOnce();
            if (run.rewritten() > 0) {
                log.info("Migration {}: re-compressed {} results stored before their kind had a dictionary ({} -> {} bytes)",
                        job.id(), run.rewritten(), run.bytesBefore(), run.bytesAfter());
            }
        } catch (RuntimeException e) {
            log.warn("Migration {}: could not re-compress with dictionaries ({}); the scheduled job will", job.id(),
                    e.getMessage());
        }
    }

    private void compact(MigrationJob job) {
        long before = database.settledSizeOnDisk();
        long started = System.nanoTime();
        log.info("Migration {}: compacting the database ({} bytes on disk); other clients of it wait meanwhile", job.id(),
                before);
        database.compact();
        log.info("Migration {}: compacted the database in {}: {} -> {} bytes on disk", job.id(),
                Duration.ofNanos(System.nanoTime() - started).truncatedTo(ChronoUnit.MILLIS), before,
                database.settledSizeOnDisk());
    }

    /**
     * The end of a migration started through the API, on the audit log beside the line of its start: who, the
     * namespace, which migration, and how it ended with its counts.
     */
    private static void audit(MigrationJob job, String error) {
        if (job.auditedAs() == null) {
            return;
        }
        MigrationProgress progress = job.view().progress();
        String asked = "migration " + job.id() + " of " + job.source().root() + " (" + job.source().layout()
                + (job.dryRun() ? ", dry run" : "") + (job.backup() ? ", backup" : "") + (job.verify() ? ", verify" : "")
                + ")";
        String outcome = (error == null ? MigrationStatus.SUCCEEDED : MigrationStatus.FAILED) + ": " + progress.done()
                + " files, " + progress.migrated() + " migrated, " + progress.skipped() + " skipped, "
                + progress.failed() + " failed" + (error == null ? "" : "; " + error);
        AuditLog.record("migration-end", job.auditedAs(), job.namespace(), asked, outcome);
    }

    /**
     * What the database grew by on disk while the import ran (never below 0: concurrent eviction may have
     * shrunk it). Writes of other clients meanwhile count too; nothing tells them apart on disk.
     */
    private void measureGrowth(MigrationJob job, long sizeBefore) {
        try {
            job.grewOnDisk(Math.max(0, database.settledSizeOnDisk() - sizeBefore));
        } catch (RuntimeException e) {
            log.warn("Migration {}: could not measure the database's size on disk ({}); destinationSize stays 0",
                    job.id(), e.getMessage());
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static String describe(DataAccessException e) {
        String cause = e.getMostSpecificCause().getMessage();
        return switch (StorageFailure.classify(e)) {
            case CANNOT_WRITE -> "the database cannot store more data (disk full or read-only): " + cause;
            case UNAVAILABLE -> "the database cannot be reached: " + cause;
            case OTHER -> "database error: " + cause;
        };
    }
}
