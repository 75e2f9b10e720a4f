package dev.llmcache.eviction;

import dev.llmcache.eviction.EvictionRepository.Chosen;
import dev.llmcache.eviction.EvictionRepository.Cursor;
import dev.llmcache.eviction.EvictionRepository.Removed;
import dev.llmcache.storage.DatabaseMaintenance;
import dev.llmcache.eviction.EvictionRepository.Totals;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs eviction in short batches: first every idle entry (olderThan), then the policy's order until
 * the entry and byte limits hold. Each batch is one transaction that re-reads the totals and
 * deletes at most {@code cache.eviction.batch-size} entries, so the SQLite writer is free for
 * stores between batches, and entries stored meanwhile are counted before the next batch.
 */
@Component
class Evictor {

    private static final Logger log = LoggerFactory.getLogger(Evictor.class);

    /**
     * Batches between two checkpoints during a run: pages that several batches change (index
     * inner pages, the statistics rows) are then copied into the file once, not once per batch.
     */
    private static final int CHECKPOINT_EVERY = 8;

    private final EvictionRepository repository;
    private final TransactionTemplate transactions;
    private final DatabaseMaintenance database;
    private final int batch;

    Evictor(EvictionRepository repository, TransactionTemplate transactions, DatabaseMaintenance database,
            EvictionProperties properties) {
        this.repository = repository;
        this.transactions = transactions;
        this.database = database;
        this.batch = properties.batchSize();
    }

    /** Deletes, recording each batch in {@code progress} as it commits (so a failed run still tells). */
    void evict(EvictionPolicy policy, EvictionLimits limits, long idleBefore, EvictionProgress progress) {
        database.duringBulkWork(() -> deleteInBatches(policy, limits, idleBefore, progress));
    }

    /** Gives the space of the deleted entries back to the file system where the database can. */
    void reclaimFreePages() {
        database.reclaimFreePages();
    }

    private void deleteInBatches(EvictionPolicy policy, EvictionLimits limits, long idleBefore, EvictionProgress progress) {
        if (limits.olderThan() != null) {
            List<Removed> removed;
            long batchStarted;
            long batches = 0;
            do {
                batchStarted = System.nanoTime();
                removed = transactions.execute(status -> repository.deleteIdle(idleBefore, batch));
                progress.idle(removed);
                if (++batches % CHECKPOINT_EVERY == 0) {
                    database.checkpoint();
                }
            } while (removed.size() == batch && database.yieldWriter(batchStarted));
        }
        // Each batch re-reads the totals, so entries stored meanwhile count too, until a batch
        // finds the limits met (or meets them without filling up). The bound stops a run that
        // would chase a flood of stores for ever; the next run goes on.
        long maxBatches = repository.totals(false).entries() / batch + 16;
        long batchStarted = System.nanoTime();
        for (long round = 0; round < maxBatches && (round == 0 || database.yieldWriter(batchStarted)); round++) {
            batchStarted = System.nanoTime();
            List<Removed> removed = transactions.execute(status -> {
                Totals totals = repository.totals(true);
                long needEntries = need(totals.entries(), limits.maxEntries());
                long needBytes = need(totals.bytes(), limits.targetBytes());
                if (needEntries == 0 && needBytes == 0) {
                    return List.<Removed>of();
                }
                List<Removed> deleted = repository.deleteChosen(policy, idleBefore, needEntries, needBytes, batch);
                if (policy == EvictionPolicy.COST_AWARE && !deleted.isEmpty()) {
                    repository.raiseInflation(deleted.stream().mapToDouble(Removed::priority).max().orElseThrow());
                }
                return deleted;
            });
            if (removed.isEmpty()) {
                return;
            }
            progress.limited(removed);
            log.debug("Evicted a batch of {} in {} ms", removed.size(), (System.nanoTime() - batchStarted) / 1_000_000);
            if (round % CHECKPOINT_EVERY == CHECKPOINT_EVERY - 1) {
                database.checkpoint();
            }
            if (removed.size() < batch) {
                // The limits held once this batch committed; what is stored from now on is for the next run.
                return;
            }
        }
    }

    /**
     * What {@link #evict} would delete now, deleting nothing: the same statements, as selects.
     * Answers the totals it started from.
     */
    Totals dryRun(EvictionPolicy policy, EvictionLimits limits, long idleBefore, EvictionProgress progress) {
        Totals totals = repository.totals(false);
        if (limits.olderThan() != null) {
            Totals idle = repository.idle(idleBefore);
            progress.idle(idle.entries(), idle.bytes());
        }
        long needEntries = need(totals.entries() - progress.evicted(), limits.maxEntries());
        long needBytes = need(totals.bytes() - progress.freedBytes(), limits.targetBytes());
        Cursor after = null;
        while (needEntries > 0 || needBytes > 0) {
            Chosen chosen = repository.selectChosen(policy, idleBefore, after, needEntries, needBytes, batch);
            if (chosen.entries().isEmpty()) {
                break;
            }
            progress.limited(chosen.entries());
            needEntries = Math.max(0, needEntries - chosen.entries().size());
            needBytes = Math.max(0, needBytes - chosen.entries().stream().mapToLong(Removed::storedBytes).sum());
            after = chosen.last();
        }
        return totals;
    }

    private static long need(long current, Long limit) {
        return limit == null ? 0 : Math.max(0, current - limit);
    }
}
