package dev.llmcache.storage;

import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs small writes submitted by many request threads, on SQLite, in shared transactions: one
 * writer thread takes every write waiting at that moment, runs each under a savepoint of its own (a
 * write that fails is rolled back alone and its caller gets its exception), commits the group once
 * (one {@code fsync} instead of one per write) and only then answers each caller. On PostgreSQL,
 * which writes concurrently and whose row locks could deadlock two replicas' groups, each write runs
 * in a transaction of its own, as does a write submitted inside a transaction already open.
 */
public final class GroupCommit implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);
    /** Bounds a transaction's length, and so the wait of the first write of a long queue. */
    static final int MAX_GROUP = 256;

    private final TransactionTemplate transactions;
    private final boolean grouped;
    private final Executor executor;
    private final Duration waitTimeout;
    private final BlockingQueue<Pending<?>> queue = new LinkedBlockingQueue<>();
    private volatile boolean running;
    private volatile boolean stopped = true;

    GroupCommit(PlatformTransactionManager transactionManager, boolean grouped, Executor executor, Duration waitTimeout) {
        this.transactions = new TransactionTemplate(transactionManager);
        this.grouped = grouped;
        this.executor = executor;
        this.waitTimeout = waitTimeout;
    }

    /**
     * Runs {@code write} in a transaction that is committed before this returns, and returns its
     * result; its exception when it fails (or when the group's commit fails). A write waiting longer
     * than {@code cache.sqlite.write-wait-timeout} for its group is dropped with a 503.
     */
    public <T> T run(Supplier<T> write) {
        if (!grouped || !running || TransactionSynchronizationManager.isActualTransactionActive()) {
            return transactions.execute(status -> write.get());
        }
        Pending<T> pending = new Pending<>(write);
        queue.add(pending);
        if (!running && pending.cancel()) { // stopped meanwhile: the writer may not see it
            return transactions.execute(status -> write.get());
        }
        return pending.await(waitTimeout);
    }

    private void writeGroups() {
        List<Pending<?>> group = new ArrayList<>();
        try {
            while (running || !queue.isEmpty()) {
                Pending<?> first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
                queue.drainTo(group, MAX_GROUP - 1);
                group.removeIf(pending -> !pending.claim());
                if (!group.isEmpty()) {
                    commit(group);
                }
                group.clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            stopped = true;
            synchronized (this) {
                notifyAll();
            }
        }
    }

    private void commit(List<Pending<?>> group) {
        try {
            transactions.executeWithoutResult(status -> {
                for (Pending<?> pending : group) {
                    runUnderSavepoint(status, pending, group.size() > 1);
                }
            });
        } catch (RuntimeException | Error e) {
            // the commit (or a rollback that SQLite had already done) failed: nothing of the group is written
            for (Pending<?> pending : group) {
                pending.failIfSucceeded(e);
            }
        }
        group.forEach(Pending::answer);
    }

    private static void runUnderSavepoint(TransactionStatus status, Pending<?> pending, boolean savepoint) {
        Object point = savepoint ? status.createSavepoint() : null;
        try {
            pending.runHere();
            if (point != null) {
                status.releaseSavepoint(point);
            }
        } catch (RuntimeException | Error e) {
            if (point == null) {
                throw e;
            }
            try {
                status.rollbackToSavepoint(point);
            } catch (RuntimeException rollback) {
                e.addSuppressed(rollback);
                throw e; // the transaction is gone (SQLite rolled it back itself): the whole group fails with the cause
            }
            pending.fail(e);
        }
    }

    @Override
    public void start() {
        if (grouped && !running) {
            running = true;
            stopped = false;
            executor.execute(this::writeGroups);
        }
    }

    @Override
    public void stop() {
        running = false;
        synchronized (this) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!stopped && System.nanoTime() < deadline) {
                try {
                    wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        if (!stopped) {
            log.warn("The group-commit writer did not finish its queue within 30 s of shutdown");
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops after the web server (whose phases are higher), so the last requests' writes are committed. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }

    /** Writes queued and not yet taken by the writer. */
    int waiting() {
        return queue.size();
    }

    static CannotGetJdbcConnectionException timedOut(Duration waited) {
        return new CannotGetJdbcConnectionException("waited " + waited.toMillis() + " ms for the writer",
                new SQLTransientConnectionException("write not started within cache.sqlite.write-wait-timeout"));
    }
}
