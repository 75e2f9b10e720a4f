package dev.llmcache.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link GroupCommitScenarios} on the SQLite writer, whose writes run under savepoints, plus what
 * only SQLite does: a transaction it rolls back by itself fails the whole group.
 */
@SqliteRepositoryTest
class GroupCommitSqliteTests extends GroupCommitScenarios {

    @Override
    void createEmptyProbeTable() {
        // a temporary table lives on the one writer connection, out of the shared schema
        write.sql("CREATE TEMP TABLE IF NOT EXISTS probe (name TEXT PRIMARY KEY)").update();
        write.sql("DELETE FROM probe").update();
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
}
