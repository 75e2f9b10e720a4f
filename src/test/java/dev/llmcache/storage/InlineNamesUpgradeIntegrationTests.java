package dev.llmcache.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmcache.support.PostgresAvailable;
import dev.llmcache.support.PostgresTestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * V34 moves the file path and the prompt hash from ids of {@code names} into the entry's row: a
 * database made by the schema before it (V33; V32 on SQLite) keeps every entry's path and prompt hash, its
 * aggregates and the names other columns refer to, and loses the two id columns and the names no longer
 * referred to. The rest of an upgrade is {@link UpgradeScenarios}'.
 */
class InlineNamesUpgradeIntegrationTests {

    /**
     * Cache key's last byte, file path, prompt hash: two entries share a path, one has no prompt hash,
     * and one's prompt hash is also a model's name (a string another column still refers to).
     */
    private static final String[][] ENTRIES = {{"1", "src/a.rs", "9f2c0d1e"}, {"2", "src/a.rs", "grok-beta"}, {"3", "src/b.rs", ""}};

    @Test
    void aSqliteFileOfTheSchemaBeforeKeepsEveryFilePathAndPromptHash(@TempDir Path dir) throws SQLException {
        // SQLite had no V33 (PostgreSQL's per-statement aggregates): its schema before V34 is V32's
        upgradesInPlace("jdbc:sqlite:" + dir.resolve("cache.db"), "sqlite", null, "32");
    }

    @Test
    @ExtendWith(PostgresAvailable.class)
    void aPostgresSchemaOfTheSchemaBeforeKeepsEveryFilePathAndPromptHash() throws SQLException {
        String base = PostgresTestDatabase.baseUrl();
        String schema = PostgresTestDatabase.createSchema(base);
        try {
            upgradesInPlace(PostgresTestDatabase.schemaUrl(base, schema), "postgresql", schema, "33");
        } finally {
            PostgresTestDatabase.dropSchema(base, schema);
        }
    }

    private static void upgradesInPlace(String url, String vendor, String schema, String before) throws SQLException {
        flyway(url, vendor, schema).target(before).load().migrate();
        try (Connection connection = DriverManager.getConnection(url)) {
            writeV33Entries(connection);
        }

        flyway(url, vendor, schema).load().migrate();

        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            List<String> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery("SELECT file_path, prompt_hash FROM entries ORDER BY cache_key")) {
                while (rs.next()) {
                    rows.add(rs.getString(1) + " " + rs.getString(2));
                }
            }
            assertThat(rows).containsExactly("src/a.rs 9f2c0d1e", "src/a.rs grok-beta", "src/b.rs ");
            // the names only the two dropped columns referred to are gone; those still referred to stay
            List<String> names = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery("SELECT name FROM names ORDER BY name")) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            assertThat(names).containsExactly("/repo", "grok-beta", "ns", "refactor", "xai");
            try (ResultSet rs = statement.executeQuery("SELECT entries, tokens FROM type_stats")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(3);
                assertThat(rs.getLong(2)).isEqualTo(600);
            }
            assertThatThrownBy(() -> statement.executeQuery("SELECT file_path_id FROM entries")).isInstanceOf(SQLException.class);
        }
    }

    private static void writeV33Entries(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO names (name) VALUES ('ns'), ('refactor'), ('/repo'), ('xai'), ('grok-beta'),"
                    + " ('src/a.rs'), ('src/b.rs'), ('9f2c0d1e'), (''), ('unused since evicted')");
        }
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO entries (namespace_id, cache_key, cache_type_id, repo_path_id, file_path_id, file_hash,
                    provider_id, model_id, prompt_hash_id, schema_version, tokens_used, cost_nanos, result_bytes,
                    stored_bytes, result_etag, created_at, last_accessed_at)
                VALUES ((SELECT id FROM names WHERE name = 'ns'), ?, (SELECT id FROM names WHERE name = 'refactor'),
                    (SELECT id FROM names WHERE name = '/repo'), (SELECT id FROM names WHERE name = ?), ?,
                    (SELECT id FROM names WHERE name = 'xai'), (SELECT id FROM names WHERE name = 'grok-beta'),
                    (SELECT id FROM names WHERE name = ?), 1, 200, 1000, 500, 100, ?, 0, 0)
                """)) {
            for (String[] entry : ENTRIES) {
                byte[] key = new byte[32];
                key[31] = Byte.parseByte(entry[0]);
                insert.setBytes(1, key);
                insert.setString(2, entry[1]);
                insert.setBytes(3, key);
                insert.setString(4, entry[2]);
                insert.setBytes(5, new byte[16]);
                insert.executeUpdate();
            }
        }
    }

    private static FluentConfiguration flyway(String url, String vendor, String schema) {
        FluentConfiguration flyway = Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration/" + vendor);
        return schema == null ? flyway : flyway.schemas(schema).defaultSchema(schema);
    }
}
