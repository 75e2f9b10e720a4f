package dev.llmcache.support;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs PostgreSQL tests only where a PostgreSQL can be had: {@code TEST_POSTGRES_URL}, or Docker
 * for Testcontainers. CI sets the variable, so there they always run; the skip reason says why.
 */
public class PostgresAvailable implements ExecutionCondition {

    private static volatile Boolean available;

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (available == null) {
            available = PostgresTestDatabase.baseUrl() != null;
        }
        return available ? ConditionEvaluationResult.enabled("PostgreSQL available")
                : ConditionEvaluationResult.disabled("No PostgreSQL: set " + PostgresTestDatabase.URL_VARIABLE
                        + " (e.g. jdbc:postgresql://127.0.0.1:5432/test?user=postgres) or run Docker");
    }
}
