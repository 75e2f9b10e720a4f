package dev.llmcache.eviction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.llmcache.entry.TestEntries;
import dev.llmcache.eviction.EvictionRepository.Removed;
import dev.llmcache.storage.PostgresRepositoryTest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@PostgresRepositoryTest
class EvictionRepositoryPostgresTests extends EvictionRepositoryScenarios {

    @Autowired
    PlatformTransactionManager transactionManager;

    /**
     * The overlap the creation-time match in {@link EvictionRepository#deleteChosen} is for: a store
     * replaces an entry the eviction's statement has chosen, and commits while the delete waits for
     * that row's lock. PostgreSQL then checks the delete's condition again on the new row, whose
     * creation time no longer matches, so the new result survives. (SQLite has one writer connection:
     * its choosing and deleting statement cannot be overlapped by a replace.)
     */
    @Test
    void anEntryReplacedWhileTheEvictionWaitsForItsRowSurvives() throws Exception {
        CountDownLatch replaced = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        CompletableFuture<Void> replacing = CompletableFuture.runAsync(() -> new TransactionTemplate(transactionManager)
                .executeWithoutResult(status -> {
                    entries.replace(TestEntries.entry("ns", "c", T0.plusSeconds(100), 200), 50_000).orElseThrow();
                    replaced.countDown();
                    waitFor(commit);
                }));
        assertThat(replaced.await(10, TimeUnit.SECONDS)).isTrue();

        // LRU chooses c (accessed longest ago) and a; the delete then waits for c's row, locked by the replace.
        CompletableFuture<List<Removed>> evicting = CompletableFuture.supplyAsync(
                () -> eviction.deleteChosen(EvictionPolicy.LRU, NO_IDLE_LIMIT, 2, 0, 100));
        await().atMost(Duration.ofSeconds(10)).until(this::evictionWaitsForARowLock);
        commit.countDown();
        replacing.get(10, TimeUnit.SECONDS);

        assertThat(evicting.get(10, TimeUnit.SECONDS)).extracting(Removed::storedBytes).containsExactly(100L);
        assertThat(remaining()).containsExactlyInAnyOrder("b", "c", "d");
        assertThat(write.sql("SELECT created_at FROM entries WHERE id = :id").param("id", idOf("c")).query(Long.class).single())
                .isEqualTo(T0.plusSeconds(100).toEpochMilli());
    }

    private boolean evictionWaitsForARowLock() {
        return write.sql("""
                SELECT count(*) FROM pg_stat_activity
                WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%DELETE FROM entries WHERE %IN (SELECT id%'
                """).query(Long.class).single() > 0;
    }

    private static void waitFor(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never let the replace commit");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
