package dev.llmcache.eviction;

import dev.llmcache.eviction.EvictionRepository.Chosen;
import dev.llmcache.eviction.EvictionRepository.Cursor;
import dev.llmcache.eviction.EvictionRepository.Removed;
import dev.llmcache.eviction.EvictionRepository.Totals;
import java.util.List;
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

    private final EvictionRepository repository;
    private final TransactionTemplate transactions;
    private final int batch;

    Evictor(EvictionRepository repository, TransactionTemplate transactions, EvictionProperties properties) {
        this.repository = repository;
        this.transactions = transactions;
        this.batch = properties.batchSize();
    }

    /** Deletes, recording each batch in {@code progress} as it commits (so a failed run still tells). */
    void evict(EvictionPolicy policy, EvictionLimits limits, long idleBefore, Progress progress) {
        if (limits.olderThan() != null) {
            List<Removed> removed;
            do {
                removed = transactions.execute(status -> repository.deleteIdle(idleBefore, batch));
                progress.idle(removed);
            } while (removed.size() == batch && !Thread.currentThread().isInterrupted());
        }
        // Entries stored meanwhile may push the totals over again: each batch re-reads them. The
        // bound stops a run that would chase a flood of stores forever; the next run goes on.
        long maxBatches = repository.totals(false).entries() / batch + 16;
        for (long round = 0; round < maxBatches && !Thread.currentThread().isInterrupted(); round++) {
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
        }
    }

    /**
     * What {@link #evict} would delete now, deleting nothing: the same statements, as selects.
     * Answers the totals it started from.
     */
    Totals dryRun(EvictionPolicy policy, EvictionLimits limits, long idleBefore, Progress progress) {
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

    /** Counts of one run, updated batch by batch. */
    static final class Progress {

        private long evicted;
        private long freedBytes;
        private long idleEvicted;

        void idle(List<Removed> removed) {
            idle(removed.size(), removed.stream().mapToLong(Removed::storedBytes).sum());
        }

        void idle(long entries, long bytes) {
            idleEvicted += entries;
            evicted += entries;
            freedBytes += bytes;
        }

        void limited(List<Removed> removed) {
            evicted += removed.size();
            freedBytes += removed.stream().mapToLong(Removed::storedBytes).sum();
        }

        long evicted() {
            return evicted;
        }

        long freedBytes() {
            return freedBytes;
        }

        long idleEvicted() {
            return idleEvicted;
        }
    }
}
