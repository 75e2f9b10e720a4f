package dev.llmcache.eviction.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcache.support.ApiClient;
import dev.llmcache.support.IntegrationTestSupport;
import dev.llmcache.support.SqliteIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/** Bad eviction requests get a 400 problem naming the field; the same context as the SQLite eviction tests. */
@SqliteIntegrationTest
@TestPropertySource(properties = {"cache.eviction.batch-size=3", "cache.eviction.lock-wait=PT0.5S"})
class EvictionRequestValidationTests extends IntegrationTestSupport {

    @Test
    void aRequestWithoutAnyLimitIsRejectedNamingEachLimit() {
        for (String body : new String[] {"{\"policy\": \"LRU\", \"dryRun\": true}", "{}"}) {
            ApiClient.Response answer = api.post("/api/v1/eviction", body);

            assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
            JsonNode problem = answer.json();
            assertThat(problem.get("detail").asString())
                    .isEqualTo("Invalid request: give at least one limit: targetBytes, maxEntries or olderThan.");
            assertThat(problem.get("errors").valueStream().map(e -> e.get("field").asString() + " " + e.get("message").asString()))
                    .containsExactly("targetBytes is required when maxEntries and olderThan are not sent",
                            "maxEntries is required when targetBytes and olderThan are not sent",
                            "olderThan is required when targetBytes and maxEntries are not sent");
        }
    }

    @Test
    void negativeLimitsAreRejected() {
        assertInvalid("{\"targetBytes\": -1}", "targetBytes", "must be >= 0");
        assertInvalid("{\"maxEntries\": -5}", "maxEntries", "must be >= 0");
        assertInvalid("{\"olderThan\": \"-P1D\"}", "olderThan", "must not be negative");
    }

    @Test
    void anOlderThanBeyondACenturyOrALongOfSecondsIsA400NotAnOverflow() {
        assertInvalid("{\"olderThan\": \"P36501D\"}", "olderThan", "must be at most PT876000H (100 years)");
        assertInvalid("{\"olderThan\": \"P400000000000D\"}", "olderThan", "must be at most PT876000H (100 years)");
        assertInvalid("{\"olderThan\": \"PT9223372036854775808S\"}", "olderThan", "must be an ISO-8601 duration such as P30D or PT12H");
        assertInvalid("{\"olderThan\": \"PT2562047788015215H\"}", "olderThan", "must be at most PT876000H (100 years)");
    }

    @Test
    void limitsOfTheWrongKindAreRejected() {
        assertInvalid("{\"maxEntries\": 1.5}", "maxEntries", "must be an integer");
        assertInvalid("{\"targetBytes\": \"1GB\"}", "targetBytes", "must be an integer");
        assertInvalid("{\"olderThan\": \"30 days\"}", "olderThan", "must be an ISO-8601 duration such as P30D or PT12H");
        assertInvalid("{\"maxEntries\": 1, \"dryRun\": \"yes\"}", "dryRun", "must be true or false");
    }

    @Test
    void anUnknownPolicyIsRejectedNamingTheAllowedOnes() {
        assertInvalid("{\"policy\": \"FIFO\", \"maxEntries\": 1}", "policy", "must be one of LRU, OLDEST, LARGEST, COST_AWARE");
        assertInvalid("{\"policy\": \"lru\", \"maxEntries\": 1}", "policy", "must be one of LRU, OLDEST, LARGEST, COST_AWARE");
    }

    private void assertInvalid(String body, String field, String message) {
        ApiClient.Response answer = api.post("/api/v1/eviction", body);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        JsonNode problem = answer.json();
        assertThat(problem.get("detail").asString()).isEqualTo("Invalid request: " + field + " " + message + ".");
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo(field);
        assertThat(problem.get("errors").get(0).get("message").asString()).isEqualTo(message);
    }
}
