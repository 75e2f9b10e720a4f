package dev.llmcache.stats;

import dev.llmcache.storage.ReadOnly;
import java.util.List;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads the aggregate tables that triggers keep exact; never the entries table. */
@Repository
public class StatsRepository {

    private static final RowMapper<TypeStats> TYPE = (rs, n) -> new TypeStats(rs.getString("cache_type"),
            rs.getLong("entries"), rs.getLong("tokens"), rs.getLong("cost_nanos"), rs.getLong("file_size"),
            rs.getLong("result_bytes"), rs.getLong("stored_bytes"), rs.getLong("hits"), rs.getLong("misses"),
            rs.getLong("saved_nanos"));

    private static final RowMapper<ModelStats> MODEL = (rs, n) -> new ModelStats(rs.getString("provider"),
            rs.getString("model"), rs.getLong("entries"), rs.getLong("tokens"), rs.getLong("cost_nanos"));

    private final JdbcClient read;

    StatsRepository(@ReadOnly JdbcClient read) {
        this.read = read;
    }

    List<TypeStats> byType(String namespace) {
        return read.sql("""
                SELECT cache_type, entries, tokens, cost_nanos, file_size, result_bytes, stored_bytes, hits, misses, saved_nanos
                FROM type_stats WHERE namespace = :namespace ORDER BY cache_type
                """).param("namespace", namespace).query(TYPE).list();
    }

    List<ModelStats> byModel(String namespace) {
        return read.sql("""
                SELECT provider, model, entries, tokens, cost_nanos
                FROM model_stats WHERE namespace = :namespace AND entries > 0 ORDER BY provider, model
                """).param("namespace", namespace).query(MODEL).list();
    }
}
