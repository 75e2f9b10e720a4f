package dev.llmcache.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcache.support.SqliteIntegrationTest;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** SQLite's EXPLAIN QUERY PLAN: the index named, no "SCAN entries" of the table, no temporary B-tree. */
@SqliteIntegrationTest
class IndexSqliteIntegrationTests extends IndexScenarios {

    /** "SCAN entries" alone reads the table; "SCAN entries USING INDEX" reads an index in its order. */
    private static final Pattern TABLE_SCAN = Pattern.compile("SCAN (entries|e)$", Pattern.MULTILINE);

    @Autowired
    @ReadOnly
    JdbcClient reader;

    @Override
    String plan(String sql, String index) {
        String plan = String.join("\n", reader.sql("EXPLAIN QUERY PLAN " + sql).query((rs, n) -> rs.getString("detail")).list());
        assertThat(plan).as(sql).containsPattern("(?m)INDEX " + index + "( |$)").doesNotContain("TEMP B-TREE");
        assertThat(TABLE_SCAN.matcher(plan).find()).as("full scan in " + plan).isFalse();
        return plan;
    }

    @Override
    String blob(String sqliteLiteral) {
        return sqliteLiteral;
    }
}
