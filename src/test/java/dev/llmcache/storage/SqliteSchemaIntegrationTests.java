package dev.llmcache.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcache.support.SqliteIntegrationTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The SQLite file is set up as intended; the statistics never read entries (the entries' indices: IndexScenarios). */
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
    void statisticsReadOnlyTheAggregateTables() {
        List<String> tables = List.of(plan("SELECT * FROM type_stats WHERE namespace_id = 1"),
                plan("SELECT * FROM model_stats WHERE namespace_id = 1 AND entries > 0"));
        assertThat(tables).allSatisfy(plan -> assertThat(plan).doesNotContain("entries ").contains("INDEX"));
    }
}
