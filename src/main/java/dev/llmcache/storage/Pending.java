package dev.llmcache.storage;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One write waiting in {@link GroupCommit}'s queue: claimed by the writer or cancelled by its
 * caller (never both), run, then answered once its group's transaction has ended.
 */
final class Pending<T> {

    private static final int QUEUED = 0;
    private static final int CLAIMED = 1;
    private static final int CANCELLED = 2;

    private final Supplier<T> write;
    private final AtomicInteger state = new AtomicInteger(QUEUED);
    private final CountDownLatch answered = new CountDownLatch(1);
    private T result;
    private Throwable failure;

    Pending(Supplier<T> write) {
        this.write = write;
    }

    /** The writer takes it; false when its caller gave up waiting first. */
    boolean claim() {
        return state.compareAndSet(QUEUED, CLAIMED);
    }

    /** The caller gives up; false when the writer has already taken it. */
    boolean cancel() {
        return state.compareAndSet(QUEUED, CANCELLED);
    }

    void runHere() {
        result = write.get();
    }

    /** Whether it failed for a lock it could not take (a deadlock's loser, a lock timeout): worth a second try alone. */
    boolean lostALock() {
        return failure instanceof PessimisticLockingFailureException;
    }

    /** Runs it again in a transaction of its own; what that gives is its outcome. */
    void runAlone(TransactionTemplate transactions) {
        failure = null;
        try {
            result = transactions.execute(status -> write.get());
        } catch (RuntimeException | Error e) {
            failure = e;
        }
    }

    void fail(Throwable e) {
        failure = e;
    }

    /** The group's transaction failed: a write that had succeeded in it is not written after all. */
    void failIfSucceeded(Throwable e) {
        if (failure == null) {
            failure = e;
        }
    }

    /** Wakes the caller; the latch publishes result and failure to its thread. */
    void answer() {
        answered.countDown();
    }

    T await(Duration timeout) {
        boolean interrupted = false;
        try {
            try {
                if (!answered.await(timeout.toNanos(), TimeUnit.NANOSECONDS) && cancel()) {
                    throw GroupCommit.timedOut(timeout);
                }
            } catch (InterruptedException e) {
                interrupted = true;
                if (cancel()) {
                    throw GroupCommit.timedOut(Duration.ZERO);
                }
            }
            // claimed by the writer: its group is under way, and its outcome must be reported
            while (true) {
                try {
                    answered.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        return result;
    }
}
