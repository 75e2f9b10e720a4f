package dev.llmcache.storage;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * On PostgreSQL, has a group of stores add its entries to the statistics' aggregate rows once, at its end, instead
 * of at each insert (Flyway V35): every store of a namespace updates the same rows, whose lock lasts until the
 * transaction ends, so another replica's group waited on its first insert for the whole of this group; now it waits
 * only for this group's commit (docs/performance.md, change 40). Stateless: one instance serves every group.
 */
final class GroupStatistics implements TransactionSynchronization {

    private final JdbcClient write;

    GroupStatistics(JdbcClient write) {
        this.write = write;
    }

    /** Defers the statistics of the entries the current transaction inserts to its flush, or else its commit. */
    void defer() {
        call("SELECT entries_stats_defer()");
        TransactionSynchronizationManager.registerSynchronization(this);
    }

    /** Called by the group after its last write, inside its transaction: a failure here is a failure of a write. */
    @Override
    public void flush() {
        call("SELECT entries_stats_fold()");
    }

    /** Whatever was deferred after a flush (nothing, unless a synchronization inserted entries); cheap when nothing. */
    @Override
    public void beforeCommit(boolean readOnly) {
        call("SELECT entries_stats_fold()");
    }

    private void call(String sql) {
        write.sql(sql).query((RowCallbackHandler) row -> { });
    }
}
