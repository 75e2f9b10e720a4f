package dev.llmcache.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group commit on either database: writes that wait together share one transaction, a failing
 * write fails alone, a write that loses a lock is run again alone, and a write made in a
 * transaction already open joins it.
 */
abstract class GroupCommitScenarios {

    @Autowired
    GroupCommit groupCommit;

    @Autowired
    JdbcClient write;

    @Autowired
    DataSource dataSource;

    @Autowired
    TransactionTemplate transactions;

    final CountDownLatch release = new CountDownLatch(1);

    /** Creates an empty table {@code probe (name TEXT PRIMARY KEY)} that the writes of the group can see. */
    abstract void createEmptyProbeTable();

    @BeforeEach
    void probeTable() {
        createEmptyProbeTable();
    }

    @AfterEach
    void unblock() {
        release.countDown();
    }

    @Test
    void writesWaitingTogetherShareOneTransactionAndEachGetsItsOwnAnswer() throws Exception {
        CompletableFuture<Object> blocker = blockTheWriter();
        List<CompletableFuture<Object>> waiting = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String name = "w" + i;
            waiting.add(submit(() -> {
                insert(name);
                return List.of(name, TransactionSynchronizationManager.getResource(dataSource));
            }));
        }
        awaitQueued(5);
        release.countDown();

        Object first = blocker.get(10, TimeUnit.SECONDS);
        List<Object> transactionsSeen = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            List<?> answer = (List<?>) waiting.get(i).get(10, TimeUnit.SECONDS);
            assertThat(answer.get(0)).isEqualTo("w" + i);
            transactionsSeen.add(answer.get(1));
        }
        assertThat(transactionsSeen).allSatisfy(holder -> assertThat(holder).isSameAs(transactionsSeen.get(0)));
        assertThat(transactionsSeen.get(0)).isNotSameAs(first);
        assertThat(names()).containsExactlyInAnyOrder("blocker", "w0", "w1", "w2", "w3", "w4");
    }

    @Test
    void aWriteThatFailsInAGroupIsRolledBackAloneAndItsCallerGetsTheException() throws Exception {
        CompletableFuture<Object> blocker = blockTheWriter();
        CompletableFuture<Object> before = submit(() -> insert("before"));
        CompletableFuture<Object> failing = submit(() -> {
            insert("failing");
            throw new IllegalStateException("refused");
        });
        CompletableFuture<Object> after = submit(() -> insert("after"));
        awaitQueued(3);
        release.countDown();

        blocker.get(10, TimeUnit.SECONDS);
        assertThat(before.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(after.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        assertThatThrownBy(() -> failing.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(IllegalStateException.class).hasMessage("refused");
        assertThat(names()).containsExactlyInAnyOrder("blocker", "before", "after");
    }

    @Test
    void aWriteThatLosesALockIsRunAgainAloneOnceItsGroupHasCommitted() throws Exception {
        CompletableFuture<Object> blocker = blockTheWriter();
        CompletableFuture<Object> before = submit(() -> List.of(insert("before"), currentTransaction()));
        AtomicInteger attempts = new AtomicInteger();
        CompletableFuture<Object> loser = submit(() -> {
            if (attempts.incrementAndGet() == 1) {
                insert("first try");
                throw new CannotAcquireLockException("deadlock detected");
            }
            return List.of(insert("second try"), currentTransaction());
        });
        awaitQueued(2);
        release.countDown();

        blocker.get(10, TimeUnit.SECONDS);
        Object group = ((List<?>) before.get(10, TimeUnit.SECONDS)).get(1);
        List<?> alone = (List<?>) loser.get(10, TimeUnit.SECONDS);
        assertThat(attempts).hasValue(2);
        assertThat(alone.get(1)).isNotSameAs(group);
        assertThat(names()).containsExactlyInAnyOrder("blocker", "before", "second try");
    }

    @Test
    void aWriteThatLosesALockTwiceGetsTheSecondFailure() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> groupCommit.run(() -> {
            insert("try " + attempts.incrementAndGet());
            throw new CannotAcquireLockException("lock timeout " + attempts.get());
        })).isInstanceOf(CannotAcquireLockException.class).hasMessage("lock timeout 2");
        assertThat(names()).isEmpty();
    }

    @Test
    void aWriteMadeInAnOpenTransactionJoinsItAndRollsBackWithIt() {
        transactions.executeWithoutResult(status -> {
            groupCommit.run(() -> insert("joined"));
            status.setRollbackOnly();
        });
        assertThat(names()).isEmpty();
        assertThat(groupCommit.run(() -> insert("alone"))).isEqualTo(1);
        assertThat(names()).containsExactly("alone");
    }

    Object currentTransaction() {
        return TransactionSynchronizationManager.getResource(dataSource);
    }

    CompletableFuture<Object> blockTheWriter() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<Object> blocker = submit(() -> {
            insert("blocker");
            started.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return TransactionSynchronizationManager.getResource(dataSource);
        });
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        return blocker;
    }

    CompletableFuture<Object> submit(Supplier<Object> work) {
        return submit(groupCommit, work);
    }

    /** Submits to a given writer (another replica's) from a thread of its own. */
    static CompletableFuture<Object> submit(GroupCommit writer, Supplier<Object> work) {
        return CompletableFuture.supplyAsync(() -> writer.run(work), runnable -> new Thread(runnable).start());
    }

    void awaitQueued(int count) throws InterruptedException {
        awaitQueued(groupCommit, count);
    }

    static void awaitQueued(GroupCommit writer, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (writer.waiting() < count && System.nanoTime() < deadline) {
            Thread.sleep(5); // waiting for other threads to queue, not for time to pass
        }
        assertThat(writer.waiting()).isEqualTo(count);
    }

    int insert(String name) {
        return write.sql("INSERT INTO probe (name) VALUES (:name)").param("name", name).update();
    }

    List<String> names() {
        return write.sql("SELECT name FROM probe").query(String.class).list();
    }
}
