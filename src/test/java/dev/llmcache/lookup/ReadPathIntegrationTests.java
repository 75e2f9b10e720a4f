package dev.llmcache.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcache.entry.EntryKey;
import dev.llmcache.entry.HotEntries;
import dev.llmcache.support.IntegrationTestSupport;
import dev.llmcache.support.SqliteIntegrationTest;
import java.sql.Connection;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * Hits, lookups and statistics never touch the single SQLite writer connection: they answer while
 * a test holds it, whereas a write waits for it and then gives up with 503.
 */
@SqliteIntegrationTest
@DirtiesContext
@TestPropertySource(properties = {"cache.sqlite.write-wait-timeout=PT2S", "cache.access-flush-interval=PT1H"})
class ReadPathIntegrationTests extends IntegrationTestSupport {

    @Autowired
    DataSource writer;

    @Autowired
    AccessTracker tracker;

    @Autowired
    HotEntries hot;

    @Test
    void readsAnswerWhileTheWriterIsHeldAndAccessesAreWrittenLater() throws Exception {
        String key = api.post("/api/v1/entries", entry("fn main() {}")).json().get("cacheKey").asString();
        clock.advance(java.time.Duration.ofMinutes(1));

        try (Connection held = writer.getConnection()) {
            held.setAutoCommit(false);
            assertThat(api.get("/api/v1/entries/" + key).status()).isEqualTo(200);
            assertThat(api.post("/api/v1/lookup", Map.of("cacheType", "refactor", "model", "grok-beta",
                    "content", "fn main() {}")).status()).isEqualTo(200);
            assertThat(api.get("/api/v1/entries/" + "a".repeat(64)).status()).isEqualTo(404);
            assertThat(api.get("/api/v1/stats").json().get("hits").asLong()).isEqualTo(2);
            assertThat(api.get("/api/v1/entries").status()).isEqualTo(200);
            assertThat(api.post("/api/v1/entries", entry("other")).status()).isEqualTo(503);
            held.rollback();
        }

        tracker.flush();
        var listed = api.get("/api/v1/entries").json().get("items").get(0);
        assertThat(listed.get("accessCount").asLong()).isEqualTo(2);
        assertThat(listed.get("lastAccessedAt").asString()).isEqualTo("2026-11-21T08:16:00Z");
        assertThat(listed.get("createdAt").asString()).isEqualTo("2026-11-21T08:15:00Z");
    }

    @Test
    void aHeadLeavesTheCopyOfItsEntryHoldingTheResultItChecked() {
        String key = api.post("/api/v1/entries", entry("fn head() {}")).json().get("cacheKey").asString();

        assertThat(api.head("/api/v1/entries/" + key).status()).isEqualTo(200);

        assertThat(hot.find(namespace, new EntryKey(key)).checkedResult())
                .as("a later HEAD or GET of the copy neither decompresses nor hashes it").isNotNull();
        assertThat(api.get("/api/v1/entries/" + key).json().get("result").get("path").asString()).isEqualTo("src/main.rs");
    }
}
