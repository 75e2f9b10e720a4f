package dev.llmcache.eviction;

import dev.llmcache.storage.DatabaseVendor;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * On SQLite, eviction shares the one writer connection with stores. A thread that gives the
 * connection back and asks again at once usually gets it before a waiting store has even woken
 * up, so between two batches eviction steps aside for a tenth of the batch's time (at least 2 ms):
 * a waiting store then waits for at most one batch. PostgreSQL writes in parallel: no pause.
 */
@Component
class WriterPause {

    private static final long MIN_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    private final boolean shared;

    WriterPause(DatabaseVendor vendor) {
        this.shared = vendor == DatabaseVendor.SQLITE;
    }

    /** Pauses after a batch that started at {@code startedNanos}; false when interrupted (stop). */
    boolean after(long startedNanos) {
        if (!shared) {
            return !Thread.currentThread().isInterrupted();
        }
        try {
            TimeUnit.NANOSECONDS.sleep(Math.max(MIN_NANOS, (System.nanoTime() - startedNanos) / 10));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
