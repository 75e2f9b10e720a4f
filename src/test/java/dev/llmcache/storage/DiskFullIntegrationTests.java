package dev.llmcache.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcache.support.IntegrationTestSupport;
import dev.llmcache.support.SqliteIntegrationTest;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;

/**
 * When SQLite cannot grow (a full disk, simulated with max_page_count on the one writer
 * connection) writes answer 507, nothing half-written remains, and reads keep working.
 */
@SqliteIntegrationTest
@DirtiesContext
class DiskFullIntegrationTests extends IntegrationTestSupport {

    @Autowired
    JdbcClient writer;

    @AfterEach
    void roomAgain() {
        writer.sql("PRAGMA max_page_count = 1073741823").query(Long.class).single();
    }

    @Test
    void fullDatabaseAnswersInsufficientStorageAndReadsGoOn() {
        assertThat(api.post("/api/v1/entries", entry("before")).status()).isEqualTo(201);
        String key = api.post("/api/v1/entries", entry("before")).json().get("cacheKey").asString();
        long pages = writer.sql("PRAGMA page_count").query(Long.class).single();
        writer.sql("PRAGMA max_page_count = " + (pages + 1)).query(Long.class).single();

        byte[] noise = new byte[300_000];
        new Random(1).nextBytes(noise);
        Map<String, Object> big = entry("big");
        big.put("result", Map.of("noise", java.util.Base64.getEncoder().encodeToString(noise)));
        var refused = api.post("/api/v1/entries", big);

        assertThat(refused.status()).isEqualTo(507);
        assertThat(refused.json().get("type").asString()).isEqualTo("/problems/insufficient-storage");
        assertThat(api.get("/api/v1/entries/" + key).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/stats").json().get("totalEntries").asLong()).isEqualTo(1);
        assertThat(api.get("/api/v1/budget/history").json().get(0).get("writes").asLong()).isEqualTo(2);

        roomAgain();
        assertThat(api.post("/api/v1/entries", big).status()).isEqualTo(201);
        assertThat(api.get("/api/v1/stats").json().get("totalEntries").asLong()).isEqualTo(2);
    }
}
