package dev.llmcache.eviction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcache.support.SqliteIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

@SqliteIntegrationTest
class EvictionRunSqliteIntegrationTests extends EvictionRunScenarios {

    @Override
    void databaseDetails(JsonNode details) {
        assertThat(details.get("fileBytes").asLong()).isPositive();
        assertThat(details.get("pageSize").asLong()).isPositive();
        assertThat(details.get("pages").asLong()).isPositive();
        assertThat(details.has("freePages")).isTrue();
        assertThat(details.has("walBytes")).isTrue();
    }

    @Test
    void evictionGivesTheFreedPagesBackToTheFileSystem() {
        assertThat(pragma("auto_vacuum")).as("incremental auto-vacuum").isEqualTo(2);
        for (int i = 0; i < 40; i++) {
            store("big" + i, 5000, large(i, 40_000));
        }
        long pagesBefore = pragma("page_count");
        long pageSize = pragma("page_size");

        JsonNode result = evict("policy", "LRU", "maxEntries", 0);

        assertThat(pragma("freelist_count")).isZero();
        assertThat(pagesBefore - pragma("page_count")).isGreaterThanOrEqualTo(result.get("freedBytes").asLong() / pageSize);
        assertThat(api.get("/actuator/health").json().get("components").get("database").get("details").get("freePages").asLong())
                .isZero();
    }

    private long pragma(String name) {
        return jdbc.sql("PRAGMA " + name).query(Long.class).single();
    }
}
