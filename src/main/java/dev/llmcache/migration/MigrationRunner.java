package dev.llmcache.migration;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Runs one migration's import on the calling thread. The scanner streams the files; they are cut into
 * batches (at most {@code batchSize} files or {@value #MAX_BATCH_BYTES} bytes of them), each parsed and
 * compressed on the worker pool while earlier batches are stored; batches are stored in scan order,
 * one short transaction each. At most {@code parallelism + 1} batches are in flight, so memory does not
 * grow with the size of the source.
 */
final class MigrationRunner {

    static final long MAX_BATCH_BYTES = 4L << 20;

    private final EntryPreparer preparer;
    private final BatchImporter importer;
    private final Executor workers;
    private final int parallelism;
    private final int batchSize;
    private final MigrationMeters meters;

    MigrationRunner(EntryPreparer preparer, BatchImporter importer, Executor workers, int parallelism, int batchSize,
            MigrationMeters meters) {
        this.preparer = preparer;
        this.importer = importer;
        this.workers = workers;
        this.parallelism = parallelism;
        this.batchSize = batchSize;
        this.meters = meters;
    }

    /** Thrown between batches when the job was cancelled (the server is stopping). */
    static final class Cancelled extends Exception {

        Cancelled() {
            super("cancelled", null, false, false);
        }
    }

    /**
     * Counts the candidates for the progress total, then imports them all.
     *
     * @param onBatch told after every batch, for progress bars
     */
    void importAll(MigrationJob job, Consumer<MigrationJob> onBatch) throws InterruptedException, Cancelled {
        job.counted(LegacyScanner.count(job.source()));
        onBatch.accept(job);
        boolean keepResults = job.verify() && !job.dryRun();
        Deque<Future<List<PreparedEntry>>> inFlight = new ArrayDeque<>();
        try (Stream<LegacyFile> files = LegacyScanner.scan(job.source(), preparer.maxFileBytes())) {
            Iterator<LegacyFile> scanned = files.iterator();
            while (scanned.hasNext() || !inFlight.isEmpty()) {
                while (inFlight.size() <= parallelism && scanned.hasNext()) {
                    List<LegacyFile> batch = nextBatch(scanned);
                    inFlight.add(CompletableFuture.supplyAsync(
                            () -> preparer.prepare(batch, job.namespace(), keepResults), workers));
                }
                if (job.cancelled()) {
                    throw new Cancelled();
                }
                List<PreparedEntry> prepared = await(inFlight.poll());
                BatchImporter.Outcome outcome = importer.importBatch(prepared, job.namespace(), job.dryRun(),
                        job.verify());
                if (outcome.mismatch()) {
                    job.mismatched();
                }
                job.handled(outcome.migrated(), outcome.skipped(), outcome.failures(), outcome.sourceSize(),
                        prepared.get(prepared.size() - 1).sourceFile());
                if (!job.dryRun()) {
                    meters.record(outcome.migrated(), outcome.failures().size(), outcome.skipped());
                }
                onBatch.accept(job);
            }
        } finally {
            inFlight.forEach(pending -> pending.cancel(false));
        }
    }

    private List<LegacyFile> nextBatch(Iterator<LegacyFile> scanned) {
        List<LegacyFile> batch = new ArrayList<>(batchSize);
        long bytes = 0;
        while (batch.size() < batchSize && bytes < MAX_BATCH_BYTES && scanned.hasNext()) {
            LegacyFile file = scanned.next();
            batch.add(file);
            bytes += file.content() == null ? 0 : file.content().length;
        }
        return batch;
    }

    private static List<PreparedEntry> await(Future<List<PreparedEntry>> pending) throws InterruptedException {
        try {
            return pending.get();
        } catch (ExecutionException e) {
            // the preparer turns every bad file into a failure: anything else is a fault, for the job to report
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
