package dev.llmcache.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcache.support.ApiClient;
import dev.llmcache.support.IntegrationTestSupport;
import dev.llmcache.support.PostgresIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** On PostgreSQL the server writes no backup: a 409 problem that points to pg_dump. */
@PostgresIntegrationTest
class BackupPostgresIntegrationTests extends IntegrationTestSupport {

    @Test
    void backupOnPostgresqlIsAConflictPointingToPgDump() {
        ApiClient.Response answer = api.post("/api/v1/admin/backup", null);

        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        JsonNode problem = answer.json();
        assertThat(problem.get("status").asInt()).isEqualTo(409);
        assertThat(problem.get("type").asString()).isEqualTo("/problems/backup-not-supported");
        assertThat(problem.get("detail").asString()).contains("pg_dump");
    }
}
