package dev.llmcache.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcache.support.SqliteIntegrationTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The SQLite file is set up as intended, and every query the contract needs is served by an index. */
@SqliteIntegrationTest
class SqliteSchemaIntegrationTests {

    @Autowired
    JdbcClient writer;

    @Autowired
    @ReadOnly
    JdbcClient reader;

    private String pragma(JdbcClient jdbc, String name) {
        return jdbc.sql("PRAGMA " + name).query(String.class).single();
    }

    private String plan(String sql) {
        return String.join("\n", reader.sql("EXPLAIN QUERY PLAN " + sql).query((rs, n) -> rs.getString("detail")).list());
    }

    @Test
    void databaseRunsInWalModeWithForeignKeysBusyTimeoutAndIncrementalVacuum() {
        assertThat(pragma(writer, "journal_mode")).isEqualToIgnoringCase("wal");
        assertThat(pragma(writer, "foreign_keys")).isEqualTo("1");
        assertThat(pragma(writer, "busy_timeout")).isEqualTo("10000");
        assertThat(pragma(writer, "synchronous")).isEqualTo("2"); // FULL
        assertThat(pragma(writer, "auto_vacuum")).isEqualTo("2"); // INCREMENTAL
        assertThat(pragma(writer, "cache_size")).isEqualTo("-65536"); // 64 MiB, in KiB
        assertThat(pragma(reader, "foreign_keys")).isEqualTo("1");
        assertThat(pragma(reader, "query_only")).isEqualTo("1");
    }

    @Test
    void lookupsByKeyAndLegacyKeyUseAnIndex() {
        assertThat(plan("SELECT id FROM entries WHERE namespace = 'n' AND cache_key = 'k'"))
                .contains("INDEX sqlite_autoindex_entries_1").doesNotContain("SCAN entries");
        assertThat(plan("SELECT id FROM entries WHERE namespace = 'n' AND legacy_key = 'k'"))
                .contains("INDEX entries_legacy_key").doesNotContain("SCAN entries");
    }

    @ParameterizedTest
    @ValueSource(strings = {"cache_type", "repo_path", "file_path", "provider", "model"})
    void eachListingFilterIsServedInCursorOrderByAnIndex(String column) {
        String plan = plan("SELECT id FROM entries WHERE namespace = 'n' AND " + column + " = 'x'"
                + " AND (created_at < 5 OR (created_at = 5 AND id < 9)) ORDER BY created_at DESC, id DESC LIMIT 100");
        assertThat(plan).contains("INDEX entries_list_").doesNotContain("TEMP B-TREE").doesNotContain("SCAN entries\n");
    }

    @Test
    void unfilteredListingAndAgeOrdersUseIndexes() {
        assertThat(plan("SELECT id FROM entries WHERE namespace = 'n' ORDER BY created_at DESC, id DESC LIMIT 100"))
                .contains("INDEX entries_list").doesNotContain("TEMP B-TREE");
        assertThat(plan("SELECT id FROM entries ORDER BY last_accessed_at, id LIMIT 100"))
                .contains("entries_last_access").doesNotContain("TEMP B-TREE");
        assertThat(plan("SELECT id FROM entries ORDER BY created_at, id LIMIT 100"))
                .contains("entries_created").doesNotContain("TEMP B-TREE");
    }

    @Test
    void statisticsReadOnlyTheAggregateTables() {
        List<String> tables = List.of(plan("SELECT * FROM type_stats WHERE namespace = 'n'"),
                plan("SELECT * FROM model_stats WHERE namespace = 'n' AND entries > 0"));
        assertThat(tables).allSatisfy(plan -> assertThat(plan).doesNotContain("entries ").contains("INDEX"));
    }
}
