package dev.llmcache.migration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcache.support.PostgresIntegrationTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

@PostgresIntegrationTest
class MigrationImportPostgresIntegrationTests extends MigrationImportScenarios {

    @Test
    void entryTheDatabaseRefusesIsAFailureAndTheRestOfItsBatchIsStored() throws IOException {
        Path repo = Fixtures.copy("local", dir).resolve("proj");
        Path refused = repo.resolve(".rustassistant/cache/refactor/nul.json");
        // valid JSON that PostgreSQL cannot store: text columns refuse the NUL character
        Files.writeString(refused, "{\"file_hash\": \"" + "9".repeat(64) + "\", \"model\": \"grok\\u0000beta\", "
                + "\"result\": {}}");

        JsonNode migration = migrate(request(repo));

        assertThat(migration.get("result").get("totalMigrated").asLong()).isEqualTo(2);
        Map<String, String> failures = failures(repo, migration);
        assertThat(failures).containsOnlyKeys(".rustassistant/cache/analysis/bad_key.json",
                ".rustassistant/cache/refactor/nul.json");
        assertThat(failures.get(".rustassistant/cache/refactor/nul.json"))
                .startsWith("refactor | the database refused the entry: ");
        assertThat(api.get("/api/v1/stats").json().get("totalEntries").asLong()).isEqualTo(2);
    }
}
