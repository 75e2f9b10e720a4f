package dev.llmcache.migration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcache.support.PostgresIntegrationTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

@PostgresIntegrationTest
class MigrationImportPostgresIntegrationTests extends MigrationImportScenarios {

    @Autowired
    JdbcTemplate jdbc;

    /** Every table of the test's schema with its TOAST, free space map and indices, as PostgreSQL sizes their files. */
    @Override
    long databaseBytesOnDisk() {
        return jdbc.queryForObject("""
                SELECT coalesce(sum(pg_table_size(c.oid) + pg_indexes_size(c.oid)), 0) FROM pg_class c
                WHERE c.relkind = 'r' AND c.relnamespace = current_schema()::regnamespace
                """, Long.class);
    }

    /** The test's slack and a free space map (three pages) for each of up to 32 of the schema's tables and indices. */
    @Override
    long measurementSlack() {
        return super.measurementSlack() + 32 * 3 * 8192;
    }

    /** Rewrites the schema's tables compactly (only this test's schema: the server is shared). */
    @Override
    void releaseFreeSpace() {
        jdbc.queryForList("SELECT relname FROM pg_class WHERE relkind = 'r' AND relnamespace = current_schema()::regnamespace",
                String.class).forEach(table -> jdbc.execute("VACUUM FULL " + table));
    }

    @Test
    void entryWithTextPostgresCannotStoreIsAFailureAndTheRestOfItsBatchIsStored() throws IOException {
        Path repo = Fixtures.copy("local", dir).resolve("proj");
        Path refused = repo.resolve(".rustassistant/cache/refactor/nul.json");
        // valid JSON that PostgreSQL cannot store (text columns refuse the NUL character): the parser
        // refuses it first, as the API does, rather than the database in the batch
        Files.writeString(refused, "{\"file_hash\": \"" + "9".repeat(64) + "\", \"model\": \"grok\\u0000beta\", "
                + "\"result\": {}}");

        JsonNode migration = migrate(request(repo));

        assertThat(migration.get("result").get("totalMigrated").asLong()).isEqualTo(2);
        Map<String, String> failures = failures(repo, migration);
        assertThat(failures).containsOnlyKeys(".rustassistant/cache/analysis/bad_key.json",
                ".rustassistant/cache/refactor/nul.json");
        assertThat(failures.get(".rustassistant/cache/refactor/nul.json"))
                .isEqualTo("refactor | field model must not hold the NUL character (\\u0000)");
        assertThat(api.get("/api/v1/stats").json().get("totalEntries").asLong()).isEqualTo(2);
    }
}
