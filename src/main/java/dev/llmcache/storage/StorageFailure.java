package dev.llmcache.storage;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.sqlite.SQLiteException;

/**
 * What a database failure means for the client: the disk or database refuses writes (507, reads
 * go on), the database cannot be reached or its locks could not be had (503), or a fault of ours (500).
 */
public enum StorageFailure {
    CANNOT_WRITE, UNAVAILABLE, OTHER;

    private static final int SQLITE_BUSY = 5;
    private static final int SQLITE_LOCKED = 6;
    private static final int SQLITE_READONLY = 8;
    private static final int SQLITE_IOERR = 10;
    private static final int SQLITE_FULL = 13;
    private static final int SQLITE_CANTOPEN = 14;

    /** Classifies an exception by the first database cause in its chain. */
    public static StorageFailure classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof CannotGetJdbcConnectionException || t instanceof SQLTransientConnectionException) {
                return UNAVAILABLE;
            }
            if (t instanceof SQLiteException sqlite) {
                return sqlite(sqlite.getErrorCode() & 0xff);
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                StorageFailure kind = sqlState(sql.getSQLState());
                if (kind != OTHER) {
                    return kind;
                }
            }
        }
        return OTHER;
    }

    private static StorageFailure sqlite(int primaryCode) {
        return switch (primaryCode) {
            case SQLITE_FULL, SQLITE_READONLY, SQLITE_IOERR -> CANNOT_WRITE;
            case SQLITE_BUSY, SQLITE_LOCKED, SQLITE_CANTOPEN -> UNAVAILABLE;
            default -> OTHER;
        };
    }

    private static StorageFailure sqlState(String state) {
        if (state.startsWith("53") || state.equals("25006")) {
            return CANNOT_WRITE; // insufficient resources (disk full), read-only transaction
        }
        if (state.startsWith("08") || state.startsWith("57P")) {
            return UNAVAILABLE; // connection failures, server shutting down
        }
        if (state.startsWith("40") || state.equals("55P03")) {
            return UNAVAILABLE; // a deadlock lost or a lock not had, after the retry (GroupCommit): try again later
        }
        return OTHER;
    }
}
