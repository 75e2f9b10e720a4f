package dev.llmcache.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group commit on the SQLite writer: writes that wait together share one transaction, a failing
 * write is rolled back alone, a transaction that breaks fails its whole group, and a write made in
 * a transaction already open joins it.
 */
@SqliteRepositoryTest
class GroupCommitSqliteTests {

    @Autowired
    GroupCommit groupCommit;

    @Autowired
    JdbcClient write;

    @Autowired
    DataSource dataSource;

    @Autowired
    TransactionTemplate transactions;

    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void probeTable() {
        // a temporary table lives on the one writer connection, out of the shared schema
        write.sql("CREATE TEMP TABLE IF NOT EXISTS probe (name TEXT PRIMARY KEY)").update();
        write.sql("DELETE FROM probe").update();
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
    void whenTheGroupsTransactionIsLostNoWriteOfTheGroupIsWrittenOrAcknowledged() throws Exception {
        CompletableFuture<Object> blocker = blockTheWriter();
        CompletableFuture<Object> written = submit(() -> insert("lost"));
        CompletableFuture<Object> breaking = submit(() -> {
            // what SQLite does by itself on a full disk or an I/O error: the transaction is gone
            write.sql("ROLLBACK").update();
            throw new IllegalStateException("disk I/O error");
        });
        awaitQueued(2);
        release.countDown();

        blocker.get(10, TimeUnit.SECONDS);
        assertThatThrownBy(() -> written.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().hasMessage("disk I/O error");
        assertThatThrownBy(() -> breaking.get(10, TimeUnit.SECONDS)).cause().hasMessage("disk I/O error");
        assertThat(names()).containsExactly("blocker");
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

    private CompletableFuture<Object> blockTheWriter() throws InterruptedException {
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

    private CompletableFuture<Object> submit(Supplier<Object> work) {
        return CompletableFuture.supplyAsync(() -> groupCommit.run(work), runnable -> new Thread(runnable).start());
    }

    private void awaitQueued(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (groupCommit.waiting() < count && System.nanoTime() < deadline) {
            Thread.sleep(5); // waiting for other threads to queue, not for time to pass
        }
        assertThat(groupCommit.waiting()).isEqualTo(count);
    }

    private int insert(String name) {
        return write.sql("INSERT INTO probe (name) VALUES (:name)").param("name", name).update();
    }

    private List<String> names() {
        return write.sql("SELECT name FROM probe").query(String.class).list();
    }
}
