package dev.llmcache.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** The spend's version moves after a commit, once per transaction, never before it. */
class SpendChangesTests {

    private final SpendChanges changes = new SpendChanges();

    @AfterEach
    void noTransactionLeft() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.clearSynchronization();
        }
        TransactionSynchronizationManager.unbindResourceIfPossible(changes);
    }

    @Test
    void aWriteOutsideATransactionMovesTheVersionAtOnce() {
        long before = changes.version();

        changes.written();

        assertThat(changes.version()).isEqualTo(before + 1);
    }

    @Test
    void writesInATransactionMoveTheVersionOnceAfterItEnds() {
        long before = changes.version();
        TransactionSynchronizationManager.initSynchronization();

        changes.written();
        changes.written();
        assertThat(changes.version()).as("not before the commit").isEqualTo(before);
        TransactionSynchronizationManager.getSynchronizations()
                .forEach(sync -> sync.afterCompletion(TransactionSynchronization.STATUS_COMMITTED));

        assertThat(changes.version()).isEqualTo(before + 1);
        assertThat(TransactionSynchronizationManager.hasResource(changes)).isFalse();
    }
}
