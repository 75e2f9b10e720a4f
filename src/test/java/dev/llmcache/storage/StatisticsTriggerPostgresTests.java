package dev.llmcache.storage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The function that the statistics triggers call for every inserted, replaced or re-compressed entry
 * is PL/pgSQL (V31), whose statements keep their plans for the session; as a SQL function it was
 * planned again on every store. What it computes is checked by the statistics tests on PostgreSQL.
 */
@PostgresRepositoryTest
class StatisticsTriggerPostgresTests {

    @Autowired
    JdbcClient write;

    @Test
    void theTriggersUpsertIsPlpgsqlSoItsPlansAreKept() {
        String language = write.sql("""
                SELECT l.lanname FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
                WHERE p.proname = 'entry_stats_apply' AND p.pronamespace = current_schema()::regnamespace
                """).query(String.class).single();
        assertThat(language).isEqualTo("plpgsql");
    }
}
