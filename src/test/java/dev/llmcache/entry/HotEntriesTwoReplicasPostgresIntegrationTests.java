package dev.llmcache.entry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.llmcache.lookup.AccessTracker;
import dev.llmcache.support.ApiClient;
import dev.llmcache.support.IntegrationTestSupport;
import dev.llmcache.support.PostgresIntegrationTest;
import dev.llmcache.support.SecondReplica;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Two servers on one PostgreSQL database (this test's context and a second one on the same schema): an entry
 * that one of them answers from its in-memory copy is answered as the other changed it, once PostgreSQL's
 * notice of the change has arrived. Copies live an hour here, so without the notice the old result would stay.
 */
@PostgresIntegrationTest
@TestPropertySource(properties = {"cache.access-flush-interval=PT1H", "cache.hot-entries.lifetime=PT1H"})
class HotEntriesTwoReplicasPostgresIntegrationTests extends IntegrationTestSupport {

    private static final Duration NOTICE = Duration.ofSeconds(10);

    private static final SecondReplica OTHER = new SecondReplica("--cache.access-flush-interval=PT1H", "--cache.hot-entries.lifetime=PT1H");

    @Autowired
    Environment environment;

    @Autowired
    JdbcClient write;

    private ApiClient otherApi;
    private HotEntries otherCopies;

    @Autowired
    HotEntries copies;

    @BeforeEach
    void secondReplicaOnTheSameDatabase() {
        otherApi = OTHER.ready(environment, namespace);
        otherCopies = OTHER.bean(HotEntries.class);
    }

    @AfterAll
    static void stopSecondReplica() {
        OTHER.close();
    }

    @Test
    void aReplicaAnswersAnEntryAsAnotherReplicaReplacedIt() {
        String key = storedAndCopiedOnTheOtherReplica("replaced " + namespace);

        Map<String, Object> again = entry("replaced " + namespace);
        again.put("result", Map.of("verdict", "second analysis"));
        assertThat(api.post("/api/v1/entries", again).status()).isEqualTo(200);

        await().atMost(NOTICE).untilAsserted(() -> assertThat(
                otherApi.get("/api/v1/entries/" + key).json().get("result").get("verdict")).isNotNull());
    }

    @Test
    void aReplicaAnswersAMissOnceAnotherReplicaDeletedTheEntry() {
        String key = storedAndCopiedOnTheOtherReplica("deleted " + namespace);

        assertThat(api.delete("/api/v1/entries/" + key).status()).isEqualTo(204);

        await().atMost(NOTICE).untilAsserted(() -> assertThat(otherApi.get("/api/v1/entries/" + key).status()).isEqualTo(404));
    }

    @Test
    void aReplicaThatLostItsListeningConnectionHearsAgainAndAnswersNothingItMissedMeanwhile() {
        String key = storedAndCopiedOnTheOtherReplica("reconnected " + namespace);

        // every listener of this database loses its connection, as when PostgreSQL restarts: the replace's notice may
        // reach no one, and the other replica must not answer its copy of the entry as it was
        write.sql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = :name"
                + " AND datname = current_database()")
                .param("name", "llm-cache-server change listener").query((RowCallbackHandler) row -> { });
        Map<String, Object> again = entry("reconnected " + namespace);
        again.put("result", Map.of("verdict", "made while nobody heard"));
        assertThat(api.post("/api/v1/entries", again).status()).isEqualTo(200);

        await().atMost(NOTICE).untilAsserted(() -> assertThat(
                otherApi.get("/api/v1/entries/" + key).json().get("result").get("verdict")).isNotNull());
        // and it keeps copies again once it hears
        storedAndCopiedOnTheOtherReplica("after " + namespace);
    }

    @Test
    void aFlushOfAccessCountsKeepsBothReplicasCopiesAndTheOtherReadsItsCounts() {
        String key = storedAndCopiedOnTheOtherReplica("accessed " + namespace);
        long otherHits = accessCount(otherApi, key);
        assertThat(accessCount(api, key)).as("this replica's one hit; the other's not flushed yet").isEqualTo(1);
        assertThat(copies.find(namespace, new EntryKey(key))).isNotNull();

        OTHER.bean(AccessTracker.class).flush();

        assertThat(otherCopies.find(namespace, new EntryKey(key))).as("the flushing replica keeps its copy").isNotNull();
        assertThat(accessCount(otherApi, key)).isEqualTo(otherHits + 1);
        // no lookup through this replica meanwhile: a forgotten copy would not come back
        await().atMost(NOTICE).untilAsserted(() -> assertThat(copies.find(namespace, new EntryKey(key)))
                .as("this replica's copy, kept and given the other's flushed hits").isNotNull()
                .satisfies(copy -> assertThat(copy.metadata().accessCount()).isEqualTo(otherHits)));
        assertThat(accessCount(api, key)).as("the other's flushed hits and this one's two").isEqualTo(otherHits + 2);
    }

    private static long accessCount(ApiClient client, String key) {
        return client.get("/api/v1/entries/" + key).json().get("accessCount").asLong();
    }

    /** Stored through this replica, then read through the other until it keeps a copy (its listener starts on its own thread). */
    private String storedAndCopiedOnTheOtherReplica(String content) {
        String key = api.post("/api/v1/entries", entry(content)).json().get("cacheKey").asString();
        await().atMost(NOTICE).untilAsserted(() -> {
            assertThat(otherApi.get("/api/v1/entries/" + key).status()).isEqualTo(200);
            assertThat(otherCopies.find(namespace, new EntryKey(key))).isNotNull();
        });
        return key;
    }
}
