package dev.llmcache.migration;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Where migrations are found: the jobs this process runs, in memory and always current, and every
 * migration of every process (replicas, the offline command) in the {@code migrations} table. The shared
 * scheduler writes each local job's progress there every {@link #HEARTBEAT}; a RUNNING row not
 * heard from for {@link #STALE_AFTER} belongs to a process that died, and is ended as FAILED when read.
 */
@Component
class MigrationJobs implements DisposableBean {

    static final Duration HEARTBEAT = Duration.ofSeconds(2);
    static final Duration STALE_AFTER = Duration.ofMinutes(1);
    /** A job's row is rewritten at least this often, even without progress, as its heartbeat. */
    private static final Duration QUIET_HEARTBEAT = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(MigrationJobs.class);

    private final MigrationRepository repository;
    private final Clock clock;
    private final Map<String, Local> local = new ConcurrentHashMap<>();
    private final ScheduledFuture<?> heartbeat;

    /** A job of this process, with what of it the table holds. */
    private static final class Local {
        final MigrationJob job;
        long persistedVersion = -1;
        Instant persistedAt = Instant.MIN;

        Local(MigrationJob job) {
            this.job = job;
        }
    }

    MigrationJobs(MigrationRepository repository, Clock clock, TaskScheduler scheduler) {
        this.repository = repository;
        this.clock = clock;
        this.heartbeat = scheduler.scheduleWithFixedDelay(this::beat, scheduler.getClock().instant().plus(HEARTBEAT), HEARTBEAT);
    }

    /** Records a new job in the table (so every replica can answer for it) and tracks it here. */
    void register(MigrationJob job) {
        Local entry = new Local(job);
        synchronized (entry) {
            repository.insert(job.view(), clock.instant());
            entry.persistedVersion = job.version();
            entry.persistedAt = clock.instant();
        }
        local.put(job.id(), entry);
    }

    /** Writes the job's state now; once its final state is written it is read from the table. */
    void persist(MigrationJob job) {
        Local entry = local.get(job.id());
        if (entry != null) {
            write(entry, true);
        }
    }

    /** The migration with this id in this namespace, from memory when it runs here. */
    Optional<Migration> find(String namespace, String id) {
        Local entry = local.get(id);
        if (entry != null) {
            Migration view = entry.job.view();
            return view.namespace().equals(namespace) ? Optional.of(view) : Optional.empty();
        }
        return repository.find(id).filter(stored -> stored.migration().namespace().equals(namespace))
                .map(this::endIfStale);
    }

    /** True when the job runs in this process (its state is live, not as last written). */
    boolean isLocal(String id) {
        return local.containsKey(id);
    }

    /** The jobs of this process that have not ended. */
    List<MigrationJob> running() {
        return local.values().stream().map(entry -> entry.job).filter(job -> !job.finished()).toList();
    }

    private Migration endIfStale(MigrationRepository.Stored stored) {
        Migration migration = stored.migration();
        Instant now = clock.instant();
        if (migration.status() != MigrationStatus.RUNNING || !stored.heartbeatAt().plus(STALE_AFTER).isBefore(now)) {
            return migration;
        }
        MigrationProgress progress = migration.progress();
        MigrationProgress last = new MigrationProgress(progress.total(), progress.migrated(), progress.failed(),
                progress.skipped(), null);
        // The failures and sizes died with the process: the counts are what its last heartbeat wrote.
        Migration ended = migration.ended(MigrationStatus.FAILED, now, "interrupted: the process running it stopped "
                + "(last heard from at " + stored.heartbeatAt() + "); run the same migration again to resume, entries "
                + "already imported are skipped", last, MigrationResult.of(last, 0, 0, migration.dryRun(), null, null,
                List.of()));
        if (repository.markInterrupted(ended, stored.heartbeatAt(), now)) {
            log.warn("Migration {} was interrupted: its process was last heard from at {}", migration.id(),
                    stored.heartbeatAt());
            return ended;
        }
        return repository.find(migration.id()).map(MigrationRepository.Stored::migration).orElse(migration);
    }

    private void beat() {
        for (Local entry : local.values()) {
            try {
                write(entry, false);
            } catch (RuntimeException e) {
                // the next beat tries again; the job itself fails on its own if the database is gone
                log.debug("Could not record the progress of migration {}: {}", entry.job.id(), e.getMessage());
            }
        }
    }

    private void write(Local entry, boolean force) {
        synchronized (entry) {
            MigrationJob job = entry.job;
            long version = job.version();
            Instant now = clock.instant();
            boolean quiet = !now.isBefore(entry.persistedAt.plus(QUIET_HEARTBEAT));
            if (force || version != entry.persistedVersion || quiet) {
                Migration view = job.view();
                repository.update(view, now);
                entry.persistedVersion = version;
                entry.persistedAt = now;
                if (view.status() != MigrationStatus.RUNNING) {
                    local.remove(job.id());
                }
            }
        }
    }

    @Override
    public void destroy() {
        heartbeat.cancel(false);
    }
}
