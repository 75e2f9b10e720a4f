package dev.llmcache.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.luben.zstd.Zstd;
import dev.llmcache.storage.EntriesChanged;
import dev.llmcache.support.ApiClient;
import dev.llmcache.support.Hex;
import dev.llmcache.support.IntegrationTestSupport;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * A stored result damaged on disk (its blob overwritten, cut, or replaced by another valid frame)
 * is answered as a miss by every read that serves results, removed, logged at WARN with its key
 * and counted in {@code llmcache_corrupt_entries_total}; never a 5xx. Run on SQLite and PostgreSQL.
 */
abstract class DamagedEntryScenarios extends IntegrationTestSupport {

    /** The entry of this key in this test's namespace: other tests on the same server store the same contents. */
    private static final String ENTRY_ID = """
            (SELECT e.id FROM entries e JOIN names n ON n.id = e.namespace_id WHERE e.cache_key = :key AND n.name = :namespace)""";

    @Autowired
    JdbcClient write;

    @Autowired
    ApplicationEventPublisher events;

    private final Logger logger = (Logger) LoggerFactory.getLogger(DamagedEntries.class);
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

    @BeforeEach
    void captureLog() {
        lines.start();
        logger.addAppender(lines);
    }

    @AfterEach
    void stopCapture() {
        logger.detachAppender(lines);
    }

    @Test
    void overwrittenFrameIsAMissThatRemovesTheEntryLogsItsKeyAndCountsIt() {
        String key = store("fn a() {}");
        overwrite(key, frame -> Arrays.fill(frame, 4, frame.length, (byte) 0x5a));

        ApiClient.Response first = api.get("/api/v1/entries/" + key);

        assertThat(first.status()).isEqualTo(404);
        assertThat(first.header("Content-Type")).startsWith("application/problem+json");
        assertThat(api.get("/api/v1/entries").json().get("items")).isEmpty();
        assertThat(api.get("/api/v1/stats").json().get("totalEntries").asLong()).isZero();
        assertThat(api.get("/api/v1/stats").json().get("misses").asLong()).isEqualTo(1);
        assertThat(corruptCount()).isEqualTo(1.0);
        assertThat(lines.list).anyMatch(warningNaming(key).and(line -> line.getThrowableProxy() == null));

        assertThat(api.get("/api/v1/entries/" + key).status()).isEqualTo(404);
        assertThat(corruptCount()).as("a removed entry is found damaged once").isEqualTo(1.0);
        assertThat(api.post("/api/v1/entries", entry("fn a() {}")).status()).isEqualTo(201);
        assertThat(api.get("/api/v1/entries/" + key).status()).isEqualTo(200);
    }

    @Test
    void cutFrameAndEmptyFrameAreMisses() {
        String cut = store("fn cut() {}");
        String empty = store("fn empty() {}");
        overwriteWith(cut, Arrays.copyOf(frameOf(cut), frameOf(cut).length / 2));
        overwriteWith(empty, new byte[0]);

        assertThat(api.get("/api/v1/entries/" + cut).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/entries/" + empty).status()).isEqualTo(404);
        assertThat(corruptCount()).isEqualTo(2.0);
        assertThat(lines.list).as("every damaged entry is logged with its key, however close together")
                .anyMatch(warningNaming(cut)).anyMatch(warningNaming(empty));
    }

    @Test
    void headOfADamagedEntryIsA404AsGetWouldAnswer() {
        String key = store("fn head() {}");
        overwrite(key, frame -> Arrays.fill(frame, 4, frame.length, (byte) 0x33));

        ApiClient.Response head = api.head("/api/v1/entries/" + key);

        assertThat(head.status()).isEqualTo(404);
        assertThat(head.header("Content-Type")).startsWith("application/problem+json");
        assertThat(corruptCount()).isEqualTo(1.0);
        assertThat(lines.list).anyMatch(warningNaming(key));
        JsonNode stats = api.get("/api/v1/stats").json();
        assertThat(stats.get("totalEntries").asLong()).as("removed, as a GET would have").isZero();
        assertThat(stats.get("hits").asLong() + stats.get("misses").asLong()).as("HEAD counts neither").isZero();
        assertThat(api.get("/api/v1/entries/" + key).status()).isEqualTo(404);
        assertThat(corruptCount()).isEqualTo(1.0);
    }

    @Test
    void frameThatDecodesToOtherJsonOfTheSameSizeIsAMissNotServed() {
        String key = store("fn swapped() {}");
        byte[] json = Zstd.decompress(frameOf(key), (int) Zstd.getFrameContentSize(frameOf(key)));
        String other = new String(json, StandardCharsets.UTF_8).replace("50.0", "51.0");
        assertThat(other).isNotEqualTo(new String(json, StandardCharsets.UTF_8));
        overwriteWith(key, Zstd.compress(other.getBytes(StandardCharsets.UTF_8)));

        assertThat(api.get("/api/v1/entries/" + key).status()).isEqualTo(404);
        assertThat(corruptCount()).isEqualTo(1.0);
    }

    @Test
    void lookupByFactorsAndBatchAnswerMissesForDamagedEntriesAndHitsForTheRest() {
        String good = store("fn good() {}");
        String bad = store("fn bad() {}");
        overwrite(bad, frame -> frame[frame.length - 1] ^= 0x01);
        Map<String, Object> goodLookup = lookup("fn good() {}");
        Map<String, Object> badLookup = lookup("fn bad() {}");

        ApiClient.Response batch = api.post("/api/v1/lookup/batch", Map.of("lookups", List.of(badLookup, goodLookup, badLookup)));

        assertThat(batch.status()).isEqualTo(200);
        JsonNode results = batch.json().get("results");
        assertThat(results.get(0).get("hit").asBoolean()).isFalse();
        assertThat(results.get(0).get("cacheKey").asString()).isEqualTo(bad);
        assertThat(results.get(1).get("hit").asBoolean()).isTrue();
        assertThat(results.get(1).get("cacheKey").asString()).isEqualTo(good);
        assertThat(results.get(2).get("hit").asBoolean()).isFalse();
        assertThat(corruptCount()).isEqualTo(1.0);
        JsonNode stats = api.get("/api/v1/stats").json();
        assertThat(stats.get("hits").asLong()).isEqualTo(1);
        assertThat(stats.get("misses").asLong()).isEqualTo(2);
        assertThat(stats.get("totalEntries").asLong()).isEqualTo(1);

        String single = store("fn single() {}");
        overwrite(single, frame -> Arrays.fill(frame, 0, 4, (byte) 0));
        assertThat(api.post("/api/v1/lookup", lookup("fn single() {}")).status()).isEqualTo(404);
        assertThat(corruptCount()).isEqualTo(2.0);
    }

    @Test
    void damagedEntryWithIfNoneMatchIsStillAMiss() {
        String key = store("fn etag() {}");
        String etag = api.get("/api/v1/entries/" + key).header("ETag");
        overwrite(key, frame -> Arrays.fill(frame, 4, frame.length, (byte) 1));

        assertThat(api.get("/api/v1/entries/" + key, "If-None-Match", etag).status()).isEqualTo(404);
    }

    private static Predicate<ILoggingEvent> warningNaming(String key) {
        return line -> line.getLevel() == Level.WARN && line.getFormattedMessage().contains(key);
    }

    private String store(String content) {
        ApiClient.Response stored = api.post("/api/v1/entries", entry(content));
        assertThat(stored.status()).isEqualTo(201);
        return stored.json().get("cacheKey").asString();
    }

    private static Map<String, Object> lookup(String content) {
        return Map.of("cacheType", "refactor", "model", "grok-beta", "content", content);
    }

    private byte[] frameOf(String key) {
        return write.sql("SELECT result FROM entry_results WHERE entry_id = " + ENTRY_ID)
                .param("key", Hex.bytes(key)).param("namespace", namespace).query(byte[].class).single();
    }

    private void overwrite(String key, java.util.function.Consumer<byte[]> damage) {
        byte[] frame = frameOf(key);
        damage.accept(frame);
        overwriteWith(key, frame);
    }

    private void overwriteWith(String key, byte[] frame) {
        int updated = write.sql("UPDATE entry_results SET result = :frame WHERE entry_id = " + ENTRY_ID)
                .param("frame", frame).param("key", Hex.bytes(key)).param("namespace", namespace).update();
        assertThat(updated).isEqualTo(1);
        // Damage on disk reaches the server when it next reads the frame: at once unless it keeps a copy of the
        // entry in memory (entry.HotEntries, SQLite), otherwise once the copy is forgotten, as after any change.
        events.publishEvent(EntriesChanged.any());
    }

    private double corruptCount() {
        String prefix = "llmcache_corrupt_entries_total{namespace=\"" + namespace + "\"} ";
        return new ApiClient(port).get("/actuator/prometheus", "Accept", "text/plain;version=0.0.4").body().lines()
                .filter(line -> line.startsWith(prefix)).mapToDouble(line -> Double.parseDouble(line.substring(prefix.length())))
                .findFirst().orElse(0.0);
    }
}
