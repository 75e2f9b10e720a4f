package dev.llmcache.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * {@link GroupCommitScenarios} on PostgreSQL, plus what only it has: groups without savepoints, run
 * again one write at a time when a write fails but not when the database does, and two replicas'
 * groups that deadlock on each other's row locks, where every write lands.
 */
@PostgresRepositoryTest
class GroupCommitPostgresTests extends GroupCommitScenarios {

    @Autowired
    PlatformTransactionManager transactionManager;

    @Override
    void createEmptyProbeTable() {
        write.sql("CREATE TABLE IF NOT EXISTS probe (name TEXT PRIMARY KEY)").update();
        write.sql("DELETE FROM probe").update();
    }

    @Test
    void aGroupWithAFailingWriteIsRolledBackWholeAndEachOfItsWritesRunsAgainAlone() throws Exception {
        CompletableFuture<Object> blocker = blockTheWriter();
        AtomicInteger runs = new AtomicInteger();
        CompletableFuture<Object> written = submit(() -> {
            runs.incrementAndGet();
            return insert("written");
        });
        // queued first, so it runs in the group before the failing write ends it (submits come from two threads)
        awaitQueued(1);
        CompletableFuture<Object> failing = submit(() -> {
            insert("failing");
            throw new IllegalStateException("refused");
        });
        awaitQueued(2);
        release.countDown();

        blocker.get(10, TimeUnit.SECONDS);
        assertThat(written.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(runs).as("run in the group, then again alone").hasValue(2);
        assertThatThrownBy(() -> failing.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(IllegalStateException.class).hasMessage("refused");
        assertThat(names()).containsExactlyInAnyOrder("blocker", "written");
    }

    @Test
    void aFailureOfTheWorkAGroupLeavesToItsEndRunsEachOfItsWritesAgainAlone() throws Exception {
        CompletableFuture<Object> blocker = blockTheWriter();
        AtomicBoolean refuse = new AtomicBoolean(true);
        AtomicInteger runs = new AtomicInteger();
        Supplier<Object> write = () -> {
            runs.incrementAndGet();
            // as the ledger's grouped spend does: written at the flush, here refused the first time
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void flush() {
                    if (refuse.getAndSet(false)) {
                        throw new IllegalStateException("past the ceiling");
                    }
                }
            });
            return insert("w" + runs.get());
        };
        CompletableFuture<Object> first = submit(write);
        CompletableFuture<Object> second = submit(write);
        awaitQueued(2);
        release.countDown();

        blocker.get(10, TimeUnit.SECONDS);
        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(runs).as("both run in the group, then each again alone").hasValue(4);
        assertThat(names()).containsExactlyInAnyOrder("blocker", "w3", "w4");
    }

    @Test
    void aGroupAddsTheEntriesItInsertedToTheStatisticsAtItsEnd() throws Exception {
        RawEntries.names(write, "group-ns");
        CompletableFuture<Object> blocker = blockTheWriter();
        CompletableFuture<Object> first = submit(() -> {
            RawEntries.insert(write, "group-ns", 1, 2);
            return write.sql("SELECT current_setting('llmcache.entries_stats', true)").query(String.class).single();
        });
        // queued first, so that the second's update finds the entry it inserted (submits come from two threads)
        awaitQueued(1);
        CompletableFuture<Object> second = submit(() -> {
            RawEntries.insert(write, "group-ns", 3, 5);
            // a replace of an entry the group inserted: its figures are taken off at once and added as they are now
            return write.sql("""
                    UPDATE entries SET cost_nanos = 99, result_bytes = 1 WHERE file_path = 'src/f1.rs'
                        AND namespace_id = (SELECT id FROM names WHERE name = 'group-ns')
                    """).update();
        });
        awaitQueued(2);
        release.countDown();

        blocker.get(10, TimeUnit.SECONDS);
        assertThat(first.get(10, TimeUnit.SECONDS)).as("the group deferred its statistics").isEqualTo("deferred");
        assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        for (String kind : List.of("refactor", "docs")) {
            assertThat(RawEntries.typeStats(write, "group-ns", kind)).isEqualTo(RawEntries.summedFromEntries(write, "group-ns", kind));
        }
        assertThat(RawEntries.typeStats(write, "group-ns", "refactor")).containsEntry("entries", 3L).containsEntry("cost_nanos", 99L + 2000 + 3000);
    }

    @Test
    void whenTheConnectionFailsInAGroupNoWriteOfItIsWrittenOrRunAgain() throws Exception {
        CompletableFuture<Object> blocker = blockTheWriter();
        AtomicInteger runs = new AtomicInteger();
        CompletableFuture<Object> written = submit(() -> {
            runs.incrementAndGet();
            return insert("written");
        });
        awaitQueued(1); // queued first, so that it runs before the failure (submits come from two threads)
        CompletableFuture<Object> broken = submit(() -> {
            throw new DataAccessResourceFailureException("connection lost");
        });
        awaitQueued(2);
        release.countDown();

        blocker.get(10, TimeUnit.SECONDS);
        assertThatThrownBy(() -> written.get(10, TimeUnit.SECONDS)).cause().hasMessage("connection lost");
        assertThatThrownBy(() -> broken.get(10, TimeUnit.SECONDS)).cause().hasMessage("connection lost");
        assertThat(runs).as("not run again: another try would only wait for the database").hasValue(1);
        assertThat(names()).containsExactly("blocker");
    }

    @Test
    void twoReplicasGroupsThatDeadlockBothLandWithTheLosersWriteRunAgainAlone() throws Exception {
        write.sql("CREATE TABLE IF NOT EXISTS counters (id INTEGER PRIMARY KEY, n INTEGER NOT NULL)").update();
        write.sql("DELETE FROM counters").update();
        write.sql("INSERT INTO counters VALUES (1, 0), (2, 0)").update();
        // the second replica: a writer of its own on the same database
        GroupCommit other = new GroupCommit(transactionManager, GroupCommit.Mode.RERUN_ON_FAILURE, new SimpleAsyncTaskExecutor("other-replica-"),
                Duration.ofSeconds(60));
        other.start();
        try {
            CountDownLatch firstHasOne = new CountDownLatch(1);
            CountDownLatch secondHasTwo = new CountDownLatch(1);
            CountDownLatch releaseOther = new CountDownLatch(1);
            AtomicInteger attempts = new AtomicInteger();

            CompletableFuture<Object> blocker = blockTheWriter();
            CountDownLatch otherStarted = new CountDownLatch(1);
            CompletableFuture<Object> otherBlocker = submit(other, () -> {
                otherStarted.countDown();
                return await(releaseOther);
            });
            assertThat(otherStarted.await(10, TimeUnit.SECONDS)).isTrue();
            // each group takes one row, waits until the other group has taken the other, then wants it;
            // queued one at a time, as a group runs its writes in the order they were queued
            CompletableFuture<Object> first = submit(() -> bump(1, firstHasOne, secondHasTwo));
            awaitQueued(1);
            CompletableFuture<Object> firstThen = submit(() -> bumpAndRecord(2, "first", attempts));
            awaitQueued(2);
            CompletableFuture<Object> second = submit(other, () -> bump(2, secondHasTwo, firstHasOne));
            awaitQueued(other, 1);
            CompletableFuture<Object> secondThen = submit(other, () -> bumpAndRecord(1, "second", attempts));
            awaitQueued(other, 2);
            release.countDown();
            releaseOther.countDown();

            for (CompletableFuture<Object> write : List.of(blocker, otherBlocker, first, firstThen, second, secondThen)) {
                write.get(30, TimeUnit.SECONDS);
            }
            assertThat(attempts).as("one of the two lost the deadlock and ran again").hasValue(3);
            assertThat(write.sql("SELECT n FROM counters ORDER BY id").query(Integer.class).list()).containsExactly(2, 2);
            assertThat(names()).containsExactlyInAnyOrder("blocker", "first", "second");
        } finally {
            other.stop();
        }
    }

    private int bump(int id, CountDownLatch taken, CountDownLatch otherTaken) {
        int updated = write.sql("UPDATE counters SET n = n + 1 WHERE id = :id").param("id", id).update();
        taken.countDown();
        await(otherTaken);
        return updated;
    }

    private int bumpAndRecord(int id, String name, AtomicInteger attempts) {
        attempts.incrementAndGet();
        write.sql("UPDATE counters SET n = n + 1 WHERE id = :id").param("id", id).update();
        return insert(name);
    }

    private static Object await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }
}
