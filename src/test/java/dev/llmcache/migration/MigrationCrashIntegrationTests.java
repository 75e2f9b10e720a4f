package dev.llmcache.migration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcache.support.ApiClient;
import dev.llmcache.support.ServerProcess;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A server stopped in the middle of a migration, killed (SIGKILL) or shut down: once restarted, the same
 * migration runs to the end, every entry is stored once, with nothing half-written, and its spend is
 * recorded once.
 */
class MigrationCrashIntegrationTests {

    private static final int ENTRIES = 20_000;

    @TempDir
    Path dir;

    @Test
    void migrationKilledHalfWayIsCompletedByRunningItAgain() throws Exception {
        Path legacy = dir.resolve("legacy");
        Path repo = SyntheticCache.write(legacy, ENTRIES);
        Path data = dir.resolve("data");
        String roots = "--cache.migration.allowed-roots=" + legacy;
        String id;
        long migratedBeforeKill;
        // one entry per transaction, so that the kill lands in the middle of the import
        try (ServerProcess server = ServerProcess.start(data, dir.resolve("first.log"), roots,
                "--cache.migration.batch-size=1")) {
            ApiClient api = server.client();
            ApiClient.Response started = api.post("/api/v1/migrations", Map.of("source", repo.toString()));
            assertThat(started.status()).as(started.body()).isEqualTo(202);
            id = started.json().get("id").asString();
            JsonNode progress = api.get("/api/v1/migrations/" + id).json().get("progress");
            Instant deadline = Instant.now().plusSeconds(60);
            while (progress.get("migrated").asLong() < 300) {
                assertThat(Instant.now()).as("300 entries imported in time").isBefore(deadline);
                Thread.sleep(5);
                progress = api.get("/api/v1/migrations/" + id).json().get("progress");
            }
            migratedBeforeKill = progress.get("migrated").asLong();
            server.kill();
        }
        assertThat(migratedBeforeKill).isLessThan(ENTRIES);

        try (ServerProcess server = ServerProcess.start(data, dir.resolve("second.log"), roots)) {
            ApiClient api = server.client();
            // its process is gone: it stays RUNNING until its heartbeat is a minute old, then reads FAILED
            JsonNode interrupted = api.get("/api/v1/migrations/" + id).json();
            assertThat(interrupted.get("status").asString()).isEqualTo("RUNNING");

            ApiClient.Response again = api.post("/api/v1/migrations", Map.of("source", repo.toString()));
            assertThat(again.status()).isEqualTo(202);
            JsonNode result = awaitEnd(api, again.json().get("id").asString()).get("result");

            assertThat(result.get("totalFailed").asLong()).isZero();
            assertThat(result.get("totalMigrated").asLong() + result.get("totalSkipped").asLong()).isEqualTo(ENTRIES);
            assertThat(result.get("totalSkipped").asLong()).isGreaterThanOrEqualTo(migratedBeforeKill);
            assertThat(api.get("/api/v1/stats").json().get("totalEntries").asLong()).isEqualTo(ENTRIES);
            JsonNode february = api.get("/api/v1/budget/history?months=120").json().get(0);
            assertThat(february.get("month").asString()).isEqualTo("2026-02");
            assertThat(february.get("writes").asLong()).isEqualTo(ENTRIES);
            assertThat(february.get("tokens").asLong()).isEqualTo(ENTRIES * 1000L);
            assertThat(february.get("spentUsd").decimalValue()).isEqualByComparingTo("200"); // 20,000 x $0.01
            for (int i : new int[] {0, 299, 7777, ENTRIES - 1}) {
                ApiClient.Response hit = api.get("/api/v1/entries/" + SyntheticCache.cacheKey(i));
                assertThat(hit.status()).isEqualTo(200);
                assertThat(hit.json().get("result").get("i").asInt()).isEqualTo(i);
            }
        }
    }

    @Test
    void serverShutDownDuringAMigrationRecordsItAsInterrupted() throws Exception {
        Path legacy = dir.resolve("legacy");
        Path repo = SyntheticCache.write(legacy, ENTRIES);
        Path data = dir.resolve("data");
        String roots = "--cache.migration.allowed-roots=" + legacy;
        String id;
        try (ServerProcess server = ServerProcess.start(data, dir.resolve("first.log"), roots,
                "--cache.migration.batch-size=1")) {
            ApiClient api = server.client();
            id = api.post("/api/v1/migrations", Map.of("source", repo.toString())).json().get("id").asString();
            Instant deadline = Instant.now().plusSeconds(60);
            while (api.get("/api/v1/migrations/" + id).json().get("progress").get("migrated").asLong() < 100) {
                assertThat(Instant.now()).as("100 entries imported in time").isBefore(deadline);
                Thread.sleep(5);
            }
        } // SIGTERM: a graceful shutdown

        try (ServerProcess server = ServerProcess.start(data, dir.resolve("second.log"), roots)) {
            JsonNode stopped = server.client().get("/api/v1/migrations/" + id).json();
            assertThat(stopped.get("status").asString()).isEqualTo("FAILED");
            assertThat(stopped.get("error").asString()).isEqualTo("interrupted: the server stopped; run the same "
                    + "migration again to resume, entries already imported are skipped");
            long migrated = stopped.get("result").get("totalMigrated").asLong();
            assertThat(migrated).isBetween(100L, ENTRIES - 1L);
            assertThat(server.client().get("/api/v1/stats").json().get("totalEntries").asLong()).isEqualTo(migrated);
        }
    }

    private static JsonNode awaitEnd(ApiClient api, String id) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(120);
        while (Instant.now().isBefore(deadline)) {
            JsonNode migration = api.get("/api/v1/migrations/" + id).json();
            if (!migration.get("status").asString().equals("RUNNING")) {
                return migration;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("migration " + id + " did not end in time");
    }
}
