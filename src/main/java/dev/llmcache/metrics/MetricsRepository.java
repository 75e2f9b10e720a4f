package dev.llmcache.metrics;

import dev.llmcache.storage.ReadOnly;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The namespaces the gauges report, from the small maintained tables; never the entries table. */
@Repository
class MetricsRepository {

    private final JdbcClient read;

    MetricsRepository(@ReadOnly JdbcClient read) {
        this.read = read;
    }

    /** Every namespace that ever held an entry, answered a lookup or had its budget set, on any replica. */
    List<String> namespaces() {
        return read.sql("""
                SELECT n.name AS namespace FROM type_stats t JOIN names n ON n.id = t.namespace_id
                UNION
                SELECT namespace FROM budgets
                ORDER BY namespace
                """).query(String.class).list();
    }
}
