package dev.llmcache.migration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcache.support.ApiClient;
import dev.llmcache.support.IntegrationTestSupport;
import dev.llmcache.support.SqliteIntegrationTest;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import tools.jackson.databind.JsonNode;

/**
 * The offline command on the SQLite file of a running server: both write (each waits for the other's
 * short transactions), nothing is refused, and the server then serves what the command imported.
 */
@SqliteIntegrationTest
class MigrateAlongsideServerIntegrationTests extends IntegrationTestSupport {

    private static final int ENTRIES = 10_000;

    @Autowired
    Environment environment;

    @TempDir
    Path dir;

    @Test
    void offlineCommandImportsIntoTheDatabaseOfARunningServerWhileItKeepsStoring() throws Exception {
        Path repo = SyntheticCache.write(dir.resolve("legacy"), ENTRIES);
        Path database = Path.of(environment.getRequiredProperty("cache.data-dir"));

        CompletableFuture<MigrateProcess.Exit> command = CompletableFuture.supplyAsync(() -> MigrateProcess.run(
                dir.resolve("migrate.log"), "--source", repo.toString(), "--namespace", namespace,
                "--cache.data-dir=" + database));
        int stored = 0;
        while (!command.isDone()) {
            ApiClient.Response response = api.post("/api/v1/entries", entry("written through the API " + stored));
            assertThat(response.status()).as(response.body()).isEqualTo(201);
            stored++;
        }
        MigrateProcess.Exit exit = command.get();

        assertThat(exit.status()).as(exit.output()).isZero();
        assertThat(stored).isPositive();
        assertThat(api.get("/api/v1/stats").json().get("totalEntries").asLong()).isEqualTo(ENTRIES + stored);
        JsonNode migration = api.get("/api/v1/migrations/" + exit.migrationId()).json();
        assertThat(migration.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(migration.get("result").get("totalMigrated").asLong()).isEqualTo(ENTRIES);
        ApiClient.Response hit = api.post("/api/v1/lookup", Map.of("cacheType", "refactor", "model", "grok-beta",
                "fileHash", SyntheticCache.fileHash(1234)));
        assertThat(hit.status()).isEqualTo(200);
        assertThat(hit.json().get("result").get("i").asInt()).isEqualTo(1234);
    }
}
