package dev.llmcache.migration;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One migration's live state. Only the thread that runs it changes it; any thread may read a
 * consistent {@link #view()} at any time. {@link #version()} grows with every change, so readers can
 * tell cheaply whether there is something new to persist or to stream.
 */
final class MigrationJob {

    private final String id;
    private final String namespace;
    private final LegacySource source;
    private final boolean dryRun;
    private final boolean backup;
    private final boolean verify;
    private final int maxFailuresListed;
    private final String auditedAs;

    private final List<LegacyFailure> failures = new ArrayList<>();
    private long sourceSize;
    private long destinationSize;
    private boolean verified = true;
    private String backupPath;
    private volatile boolean cancelled;
    private volatile long version;
    private volatile Migration view;

    MigrationJob(String id, String namespace, LegacySource source, boolean dryRun, boolean backup, boolean verify,
            Instant startedAt, int maxFailuresListed, String startedBy, String auditedAs) {
        this.id = id;
        this.namespace = namespace;
        this.source = source;
        this.dryRun = dryRun;
        this.backup = backup;
        this.verify = verify;
        this.maxFailuresListed = maxFailuresListed;
        this.auditedAs = auditedAs;
        this.view = Migration.started(id, namespace, source, dryRun, backup, verify, startedAt, startedBy);
    }

    String id() {
        return id;
    }

    String namespace() {
        return namespace;
    }

    LegacySource source() {
        return source;
    }

    boolean dryRun() {
        return dryRun;
    }

    boolean backup() {
        return backup;
    }

    boolean verify() {
        return verify;
    }

    /** Who started it through the API, as the audit log names callers; null for the offline command. */
    String auditedAs() {
        return auditedAs;
    }

    /** The migration as the API shows it now. */
    Migration view() {
        return view;
    }

    long version() {
        return version;
    }

    MigrationProgress progress() {
        return view.progress();
    }

    boolean cancelled() {
        return cancelled;
    }

    /** Asks the job to stop at the next batch boundary (shutdown). */
    void cancel() {
        cancelled = true;
    }

    void backedUpTo(String path) {
        backupPath = path;
    }

    void counted(long total) {
        MigrationProgress now = progress();
        publish(new MigrationProgress(total, now.migrated(), now.failed(), now.skipped(), now.currentFile()));
    }

    /** Records what the database grew by on disk during the import: the result's destination size. */
    void grewOnDisk(long bytes) {
        destinationSize = bytes;
    }

    /** Adds one batch's outcomes; {@code failures} are kept up to the listing cap, and all are counted. */
    void handled(long migrated, long skipped, List<LegacyFailure> batchFailures, long batchSourceSize,
            String lastFile) {
        for (LegacyFailure failure : batchFailures) {
            if (failures.size() < maxFailuresListed) {
                failures.add(failure);
            }
        }
        sourceSize += batchSourceSize;
        MigrationProgress now = progress();
        publish(new MigrationProgress(now.total(), now.migrated() + migrated, now.failed() + batchFailures.size(),
                now.skipped() + skipped, lastFile));
    }

    /** Records that verification found an entry that does not match its source. */
    void mismatched() {
        verified = false;
    }

    void succeeded(Instant at) {
        end(MigrationStatus.SUCCEEDED, null, at);
    }

    void failed(String error, Instant at) {
        end(MigrationStatus.FAILED, error, at);
    }

    private void end(MigrationStatus status, String error, Instant at) {
        MigrationProgress now = progress();
        MigrationProgress last = new MigrationProgress(now.total(), now.migrated(), now.failed(), now.skipped(), null);
        MigrationResult result = MigrationResult.of(last, sourceSize, destinationSize, dryRun, backupPath,
                verify && !dryRun ? verified : null, failures);
        view = view.ended(status, at, error, last, result);
        version++;
    }

    private void publish(MigrationProgress progress) {
        view = view.withProgress(progress);
        version++;
    }

    boolean finished() {
        return view.status() != MigrationStatus.RUNNING;
    }
}
