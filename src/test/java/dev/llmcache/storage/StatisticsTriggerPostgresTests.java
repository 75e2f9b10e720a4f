package dev.llmcache.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The statistics triggers on PostgreSQL: the function called for every replaced or re-compressed
 * entry is PL/pgSQL (V31), whose statements keep their plans for the session; inserted entries are
 * added once per statement (V33), so that a bulk insert writes one version of each aggregate row, not
 * one per entry; a transaction that defers them (a group of stores, V35) adds them when it folds, so
 * that another transaction inserting into the same namespace does not wait for it until then. What they
 * compute is checked by the statistics tests on PostgreSQL.
 */
@PostgresRepositoryTest
class StatisticsTriggerPostgresTests {

    @Autowired
    JdbcClient write;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void theTriggersUpsertIsPlpgsqlSoItsPlansAreKept() {
        String language = write.sql("""
                SELECT l.lanname FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
                WHERE p.proname = 'entry_stats_apply' AND p.pronamespace = current_schema()::regnamespace
                """).query(String.class).single();
        assertThat(language).isEqualTo("plpgsql");
    }

    @Test
    void aMultiRowInsertWritesEachAggregateRowOnceWithTheSumOfItsEntries() {
        RawEntries.names(write, "trigger-ns");
        long[] touched = transactions.execute(status -> {
            // PostgreSQL 15 counts in these views what the session's earlier transactions wrote within the last second too
            long[] before = rowVersionsWritten();
            // five entries of two kinds and one model, in one statement, as the migration's import inserts them
            RawEntries.insert(write, "trigger-ns", 1, 5);
            long[] after = rowVersionsWritten();
            return new long[] {after[0] - before[0], after[1] - before[1]};
        });

        // one row version per kind and one for the model; a trigger per row wrote five of each
        assertThat(touched).containsExactly(2L, 1L);
        assertThat(RawEntries.typeStats(write, "trigger-ns", "refactor")).containsEntry("entries", 3L).containsEntry("tokens", 600L)
                .containsEntry("cost_nanos", 6000L).containsEntry("file_size", 30L).containsEntry("result_bytes", 600L)
                .containsEntry("stored_bytes", 150L).containsEntry("dict_entries", 1L).containsEntry("dict_result_bytes", 200L)
                .containsEntry("dict_stored_bytes", 50L);
        assertThat(modelStats("trigger-ns")).containsEntry("entries", 5L).containsEntry("tokens", 1500L)
                .containsEntry("cost_nanos", 15000L);
    }

    @Test
    void aDeferringTransactionAddsItsEntriesAtItsFoldEachOnceAndAReplacedOneAsItIsNow() {
        RawEntries.names(write, "deferred-ns");
        Object pendingAfterFold = transactions.execute(status -> {
            call("SELECT entries_stats_defer()");
            RawEntries.insert(write, "deferred-ns", 1, 2);
            RawEntries.insert(write, "deferred-ns", 3, 5);
            // a store of a key already there inserts nothing (and replaces instead): its statement's trigger adds nothing
            RawEntries.insertIfAbsent(write, "deferred-ns", 2, 2);
            assertThat(RawEntries.typeStats(write, "deferred-ns", "refactor")).as("nothing added before the fold").isEmpty();
            // a replace in the same transaction: its trigger takes the old figures off at once, the fold adds the inserted ones
            write.sql("""
                    UPDATE entries SET cost_nanos = 7777, tokens_used = 1
                    WHERE file_path = 'src/f2.rs' AND namespace_id = (SELECT id FROM names WHERE name = 'deferred-ns')
                    """).update();
            call("SELECT entries_stats_fold()");
            call("SELECT entries_stats_fold()"); // a second fold adds nothing more
            return write.sql("SELECT current_setting('llmcache.entries_stats_pending', true)").query(String.class).single();
        });

        assertThat(pendingAfterFold).as("nothing left to add").isEqualTo("");
        for (String kind : new String[] {"refactor", "docs"}) {
            assertThat(RawEntries.typeStats(write, "deferred-ns", kind)).isEqualTo(RawEntries.summedFromEntries(write, "deferred-ns", kind));
        }
        assertThat(RawEntries.typeStats(write, "deferred-ns", "refactor")).containsEntry("entries", 3L)
                .containsEntry("cost_nanos", 1000L + 7777 + 3000).containsEntry("dict_entries", 1L);
        assertThat(modelStats("deferred-ns")).containsEntry("entries", 5L).containsEntry("tokens", 100L + 1 + 1200);
    }

    @Test
    void anotherTransactionInsertingIntoTheSameNamespaceDoesNotWaitForADeferringOneUntilItFolds() throws Exception {
        RawEntries.names(write, "two-groups-ns");
        RawEntries.insert(write, "two-groups-ns", 1, 1); // the aggregate rows exist: an upsert of them would wait
        CountDownLatch firstInserted = new CountDownLatch(1);
        CountDownLatch secondDone = new CountDownLatch(1);
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> transactions.executeWithoutResult(status -> {
            call("SELECT entries_stats_defer()");
            RawEntries.insert(write, "two-groups-ns", 2, 3);
            firstInserted.countDown();
            await(secondDone);
            call("SELECT entries_stats_fold()");
        }), runnable -> new Thread(runnable).start());
        await(firstInserted);

        // another replica's group, on a connection of its own, while the first is open: a wait would time out
        transactions.executeWithoutResult(status -> {
            write.sql("SET LOCAL lock_timeout = '2s'").update();
            call("SELECT entries_stats_defer()");
            RawEntries.insert(write, "two-groups-ns", 4, 5);
            call("SELECT entries_stats_fold()");
        });
        secondDone.countDown();
        first.get(10, TimeUnit.SECONDS);

        for (String kind : new String[] {"refactor", "docs"}) {
            assertThat(RawEntries.typeStats(write, "two-groups-ns", kind))
                    .isEqualTo(RawEntries.summedFromEntries(write, "two-groups-ns", kind));
        }
        assertThat(modelStats("two-groups-ns")).containsEntry("entries", 5L);
    }

    /** Row versions of type_stats and model_stats the session's transaction has written. */
    private long[] rowVersionsWritten() {
        return write.sql("""
                SELECT (SELECT coalesce(sum(n_tup_ins + n_tup_upd), 0) FROM pg_stat_xact_user_tables
                        WHERE relid = 'type_stats'::regclass) AS type_rows,
                       (SELECT coalesce(sum(n_tup_ins + n_tup_upd), 0) FROM pg_stat_xact_user_tables
                        WHERE relid = 'model_stats'::regclass) AS model_rows
                """).query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}).single();
    }

    private Map<String, Object> modelStats(String namespace) {
        return write.sql("""
                SELECT m.entries, m.tokens, m.cost_nanos FROM model_stats m JOIN names n ON n.id = m.namespace_id
                WHERE n.name = :namespace
                """).param("namespace", namespace).query().singleRow();
    }

    private void call(String sql) {
        write.sql(sql).query((RowCallbackHandler) row -> { });
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
