package dev.llmcache.storage;

import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.sqlite.SQLiteException;

/**
 * SQLite rolls a transaction back by itself on some errors (a full disk, an I/O error); the
 * rollback Spring then issues fails with "no transaction is active" and would hide the real
 * error (507) behind a rollback failure (500). This ignores exactly that case.
 */
class SqliteTransactionManager extends DataSourceTransactionManager {

    SqliteTransactionManager(DataSource dataSource) {
        super(dataSource);
    }

    @Override
    protected void doRollback(DefaultTransactionStatus status) {
        try {
            super.doRollback(status);
        } catch (TransactionSystemException e) {
            if (!(e.getCause() instanceof SQLiteException sqlite && sqlite.getMessage().contains("no transaction is active"))) {
                throw e;
            }
        }
    }
}
