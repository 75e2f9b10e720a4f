package dev.llmcache.migration;

import dev.llmcache.config.CacheProperties;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.TaskExecutor;
import org.springframework.stereotype.Service;

/**
 * Starts migrations from the legacy JSON cache: through the API on the runners' executor (at most
 * {@code cache.migration.max-concurrent} at once), or on the caller's thread for the offline command.
 * Parsing and compression run on the shared workers' executor (see {@link MigrationConfiguration}).
 */
@Service
public class MigrationService implements DisposableBean {

    private final AllowedRoots roots;
    private final Path backupRoot;
    private final int maxConcurrent;
    private final int maxFailuresListed;
    private final MigrationJobs jobs;
    private final MigrationExecution execution;
    private final Clock clock;
    private final Semaphore slots;
    private final TaskExecutor runners;

    MigrationService(MigrationProperties properties, CacheProperties cache, MigrationJobs jobs,
            MigrationExecution execution, @Qualifier(MigrationConfiguration.RUNNERS) TaskExecutor runners, Clock clock) {
        this.roots = properties.roots();
        this.backupRoot = cache.effectiveBackupDir().toAbsolutePath().normalize();
        this.maxConcurrent = properties.maxConcurrent();
        this.maxFailuresListed = properties.maxFailuresListed();
        this.jobs = jobs;
        this.execution = execution;
        this.runners = runners;
        this.clock = clock;
        this.slots = new Semaphore(maxConcurrent);
    }

    /**
     * Checks the request and starts the migration in the background.
     *
     * @param source as requested: must be an absolute path inside {@code cache.migration.allowed-roots}
     * @throws MigrationSourceForbiddenException outside the allowed roots (403)
     * @throws InvalidMigrationSourceException when the source is absent, not a directory or not a legacy
     *     cache in that layout, or the backup directory lies inside it (400)
     * @throws TooManyMigrationsException when {@code max-concurrent} migrations already run here (429)
     */
    public Migration start(String namespace, String source, LegacyLayout layout, boolean backup, boolean verify,
            boolean dryRun, String startedBy) {
        Path real = roots.check(source);
        // walked from the allowed root, every step below it without following links: a directory swapped for a
        // link after this check is met as a link (see SafeDirectory)
        LegacySource legacy = LegacySource.resolve(roots.anchorOf(real), real, layout);
        if (backup) {
            SourceBackup.checkTarget(legacy.root(), backupRoot);
        }
        if (!slots.tryAcquire()) {
            throw new TooManyMigrationsException(maxConcurrent);
        }
        try {
            MigrationJob job = newJob(namespace, legacy, backup, verify, dryRun, startedBy,
                    startedBy == null ? "anonymous" : startedBy);
            jobs.register(job);
            runners.execute(() -> {
                try {
                    execution.run(job, ignored -> { });
                } finally {
                    slots.release();
                }
            });
            return job.view();
        } catch (RuntimeException e) {
            slots.release();
            throw e;
        }
    }

    /**
     * Runs a migration to its end on the calling thread, for the offline command, which is not bound to
     * the allowed roots: the person running it can read the files anyway.
     *
     * @param compaction whether to rewrite the database tightly packed after the import ({@link MigrationExecution#run})
     * @param onProgress told after every batch
     */
    public Migration runHere(String namespace, LegacySource source, boolean backup, boolean verify, boolean dryRun,
            Compaction compaction, Consumer<MigrationProgress> onProgress) {
        if (backup) {
            SourceBackup.checkTarget(source.root(), backupRoot);
        }
        MigrationJob job = newJob(namespace, source, backup, verify, dryRun, null, null);
        jobs.register(job);
        execution.run(job, running -> onProgress.accept(running.progress()), compaction);
        return job.view();
    }

    /** The migration with this id in this namespace. */
    public Optional<Migration> find(String namespace, String id) {
        return jobs.find(namespace, id);
    }

    /** True when this server runs the migration: its state is live, not as last written by another process. */
    public boolean runsHere(String id) {
        return jobs.isLocal(id);
    }

    private MigrationJob newJob(String namespace, LegacySource source, boolean backup, boolean verify, boolean dryRun,
            String startedBy, String auditedAs) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS); // the precision the table keeps
        return new MigrationJob(UUID.randomUUID().toString(), namespace, source, dryRun, backup, verify, now,
                maxFailuresListed, startedBy, auditedAs);
    }

    /**
     * Stops running migrations at their next batch; each records itself as FAILED (interrupted). The
     * executors, shut down by the context after this, wait for that.
     */
    @Override
    public void destroy() throws InterruptedException {
        jobs.running().forEach(MigrationJob::cancel);
        // the offline command's job runs on the main thread, not on the pool: wait for it to record its end
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(MigrationConfiguration.STOP_WAIT_SECONDS);
        while (!jobs.running().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }
}
