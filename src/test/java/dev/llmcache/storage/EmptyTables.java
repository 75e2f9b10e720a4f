package dev.llmcache.storage;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Empties what repository tests write, so each test starts from an empty cache: eviction and the
 * statistics span every namespace, so a namespace of its own is not enough for them.
 */
public final class EmptyTables {

    private EmptyTables() {
    }

    public static void empty(JdbcClient write) {
        for (String sql : new String[] {"DELETE FROM entries", "DELETE FROM type_stats", "DELETE FROM model_stats",
                "DELETE FROM ledger", "DELETE FROM budgets", "DELETE FROM leases", "DELETE FROM dictionaries", "UPDATE eviction_state SET inflation = 0"}) {
            write.sql(sql).update();
        }
    }
}
