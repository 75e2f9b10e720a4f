package dev.llmcache.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

/** What a PostgreSQL error means for the client, found by its SQLSTATE anywhere in the cause chain. */
class StorageFailureTests {

    @ParameterizedTest(name = "SQLSTATE {0} is {1}")
    @CsvSource({
            "53100, CANNOT_WRITE", // disk full
            "25006, CANNOT_WRITE", // read-only transaction
            "08006, UNAVAILABLE", // connection failure
            "57P01, UNAVAILABLE", // administrator shutdown
            "40P01, UNAVAILABLE", // deadlock detected: lost twice, the client may try again
            "40001, UNAVAILABLE", // serialization failure
            "55P03, UNAVAILABLE", // lock not available
            "23505, OTHER", // unique violation: a fault of ours
            "42P01, OTHER"}) // undefined table
    void aPostgresErrorIsClassifiedByItsState(String state, StorageFailure expected) {
        SQLException cause = new SQLException("from PostgreSQL", state);
        assertThat(StorageFailure.classify(new PessimisticLockingFailureException("translated", cause))).isEqualTo(expected);
        assertThat(StorageFailure.classify(new DataIntegrityViolationException("translated", cause))).isEqualTo(expected);
    }

    @Test
    void noConnectionIsUnavailable() {
        assertThat(StorageFailure.classify(new CannotGetJdbcConnectionException("pool exhausted")))
                .isEqualTo(StorageFailure.UNAVAILABLE);
    }
}
