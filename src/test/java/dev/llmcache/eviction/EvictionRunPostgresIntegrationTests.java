package dev.llmcache.eviction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcache.support.PostgresIntegrationTest;
import tools.jackson.databind.JsonNode;

@PostgresIntegrationTest
class EvictionRunPostgresIntegrationTests extends EvictionRunScenarios {

    @Override
    void databaseDetails(JsonNode details) {
        assertThat(details.get("databaseBytes").asLong()).isPositive();
        assertThat(details.get("entriesBytes").asLong()).isPositive();
        assertThat(details.get("resultsBytes").asLong()).isPositive();
    }
}
