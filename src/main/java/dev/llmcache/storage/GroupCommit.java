package dev.llmcache.storage;

import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs small writes submitted by many request threads in shared transactions: one writer thread
 * takes every write waiting at that moment, runs them in one transaction, commits the group once
 * (one {@code fsync} instead of one per write) and only then answers each caller. A write that
 * fails never takes the others with it: on SQLite each write runs under a savepoint of its own and
 * is rolled back alone; on PostgreSQL, where a transaction of many savepoints slows every reader of
 * the database, a group that fails is rolled back whole and each of its writes runs again alone,
 * its own outcome its answer. Work the writes leave to the end of their transaction (rows that every
 * store of a namespace updates: the ledger's, {@code ledger.GroupedWrites}; on PostgreSQL the statistics'
 * too, {@link GroupStatistics}) is done once per group after its last write, so that those rows stay
 * locked only for the group's commit; on PostgreSQL inside the group's transaction, where a failure of it
 * is one of a write. A write that loses a lock conflict in its group (on PostgreSQL, a deadlock with
 * another replica's group) is also run again alone once the group has ended. A write submitted inside a
 * transaction already open joins it.
 */
public final class GroupCommit implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);
    /** Bounds a transaction's length, and so the wait of the first write of a long queue. */
    static final int MAX_GROUP = 256;

    /** How a group keeps one write's failure from the others. */
    enum Mode {
        /** No group: each write in a transaction of its own, concurrently. */
        SEPARATE,
        /** Each write under a savepoint of its own (SQLite, where a savepoint costs next to nothing). */
        SAVEPOINTS,
        /**
         * No savepoints: PostgreSQL gives each one a subtransaction, and once a transaction holds more
         * than 64 of them every other session's snapshot must look them up (measured: 2.2 times the
         * database's CPU per store). A group whose write fails is run again one write at a time.
         */
        RERUN_ON_FAILURE
    }

    private final TransactionTemplate transactions;
    private final Mode mode;
    /** Run first in each group's transaction of more than one write (PostgreSQL: {@link GroupStatistics#defer}). */
    private final Runnable atGroupStart;
    private final Executor executor;
    private final Duration waitTimeout;
    private final BlockingQueue<Pending<?>> queue = new LinkedBlockingQueue<>();
    private volatile boolean running;
    private volatile boolean stopped = true;

    GroupCommit(PlatformTransactionManager transactionManager, Mode mode, Executor executor, Duration waitTimeout) {
        this(transactionManager, mode, () -> { }, executor, waitTimeout);
    }

    GroupCommit(PlatformTransactionManager transactionManager, Mode mode, Runnable atGroupStart, Executor executor,
            Duration waitTimeout) {
        this.transactions = new TransactionTemplate(transactionManager);
        this.mode = mode;
        this.atGroupStart = atGroupStart;
        this.executor = executor;
        this.waitTimeout = waitTimeout;
    }

    /**
     * Runs {@code write} in a transaction that is committed before this returns, and returns its
     * result; its exception when it fails (or when the group's commit fails). A write waiting longer
     * than {@code cache.sqlite.write-wait-timeout} (or {@code cache.postgres.write-wait-timeout}) for its
     * group is dropped with a 503.
     */
    public <T> T run(Supplier<T> write) {
        if (mode == Mode.SEPARATE || !running || TransactionSynchronizationManager.isActualTransactionActive()) {
            return transactions.execute(status -> write.get());
        }
        Pending<T> pending = new Pending<>(write);
        queue.add(pending);
        if (!running && pending.cancel()) { // stopped meanwhile: the writer may not see it
            return transactions.execute(status -> write.get());
        }
        return pending.await(waitTimeout);
    }

    /**
     * True when writes are grouped (SQLite; PostgreSQL with {@code cache.postgres.group-commit}): work that a write
     * leaves to its transaction's end (a {@code TransactionSynchronization}'s {@code flush} or {@code beforeCommit})
     * is then done once for its whole group. On PostgreSQL the group flushes it after its last write, inside its
     * transaction, so that a failure of it runs each write of the group again alone, where it is that write's own.
     */
    public boolean groups() {
        return mode != Mode.SEPARATE;
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
        if (mode == Mode.RERUN_ON_FAILURE && group.size() > 1) {
            commitOrRerun(group);
        } else {
            commitUnderSavepoints(group);
        }
    }

    private void commitOrRerun(List<Pending<?>> group) {
        AtomicBoolean aWriteFailed = new AtomicBoolean();
        try {
            transactions.executeWithoutResult(status -> {
                try {
                    atGroupStart.run();
                    for (Pending<?> pending : group) {
                        pending.runHere();
                    }
                    // the work the writes left to the end (the shared rows of statistics and ledger), while a failure
                    // of it can still be told from one of the commit: each write then runs again alone
                    status.flush();
                } catch (RuntimeException | Error e) {
                    aWriteFailed.set(true);
                    throw e;
                }
            });
            group.forEach(Pending::answer);
        } catch (RuntimeException | Error e) {
            boolean rerun = aWriteFailed.get() && !(e instanceof DataAccessResourceFailureException);
            for (Pending<?> pending : group) {
                if (rerun) {
                    // one write failed, or lost a lock to another replica's group: each runs again alone
                    pending.runAlone(transactions);
                } else {
                    // no connection, or the commit failed: nothing of the group is written, nor tried again
                    pending.failIfSucceeded(e);
                }
                pending.answer();
            }
        }
    }

    private void commitUnderSavepoints(List<Pending<?>> group) {
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
        List<Pending<?>> losers = new ArrayList<>();
        for (Pending<?> pending : group) {
            if (pending.lostALock()) {
                losers.add(pending);
            } else {
                pending.answer();
            }
        }
        // this group's locks are released now: the other transaction can finish, and the retry wait for it
        for (Pending<?> pending : losers) {
            pending.runAlone(transactions);
            pending.answer();
        }
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
        if (mode != Mode.SEPARATE && !running) {
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
                new SQLTransientConnectionException("write not started within the write wait timeout"));
    }
}
