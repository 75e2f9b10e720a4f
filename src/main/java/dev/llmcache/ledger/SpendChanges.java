package dev.llmcache.ledger;

import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A version of the ledger's spend in this process: it moves after every commit that changed a spend
 * sum, so that a copy of a month's spend taken at one version is known to be current while the
 * version stands. It moves after the commit, never before: a copy read from the old rows then always
 * carries an older version than the one that follows the change.
 */
@Component
public class SpendChanges {

    private final AtomicLong version = new AtomicLong();

    /** The current version; read it before reading the spend that a copy will hold. */
    public long version() {
        return version.get();
    }

    /** The ledger's spend was just written: the version moves when the transaction ends, or at once outside one. */
    void written() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            version.incrementAndGet();
            return;
        }
        if (TransactionSynchronizationManager.hasResource(this)) {
            return;
        }
        TransactionSynchronizationManager.bindResource(this, Boolean.TRUE);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                // a rollback moves it too: a copy read meanwhile is only read again
                TransactionSynchronizationManager.unbindResourceIfPossible(SpendChanges.this);
                version.incrementAndGet();
            }
        });
    }
}
