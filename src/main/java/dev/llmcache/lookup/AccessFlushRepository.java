package dev.llmcache.lookup;

import dev.llmcache.ledger.LookupCounts;
import dev.llmcache.entry.CostAwarePriority;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Repository;

/** Writes a batch of recorded lookups: entries' access counts and times, and hit/miss statistics. */
@Repository
class AccessFlushRepository {

    /** COST_AWARE eviction's priority with the new accesses counted, at today's inflation. */
    private static final String ACCESSED_PRIORITY = CostAwarePriority.sql("access_count + :count", "cost_nanos", "stored_bytes");

    private final NamedParameterJdbcTemplate write;

    AccessFlushRepository(NamedParameterJdbcTemplate write) {
        this.write = write;
    }

    void addEntryAccesses(Map<PendingAccess.EntryRef, PendingAccess.EntryAccess> accesses) {
        // Entries deleted or replaced since they were read match no row: their accesses are dropped.
        write.batchUpdate("""
                UPDATE entries SET access_count = access_count + :count,
                    last_accessed_at = CASE WHEN last_accessed_at < :at THEN :at ELSE last_accessed_at END,
                    eviction_priority = %s
                WHERE id = :id AND created_at = :createdAt
                """.formatted(ACCESSED_PRIORITY), accesses.entrySet().stream()
                .map(e -> new MapSqlParameterSource().addValue("id", e.getKey().id()).addValue("createdAt", e.getKey().createdAt())
                        .addValue("count", e.getValue().count()).addValue("at", e.getValue().lastAccessedAt()))
                .toArray(SqlParameterSource[]::new));
    }

    void addTypeCounts(Map<PendingAccess.TypeKey, LookupCounts> counts) {
        write.batchUpdate("""
                INSERT INTO type_stats AS t (namespace, cache_type, hits, misses, saved_nanos)
                VALUES (:namespace, :cacheType, :hits, :misses, :saved)
                ON CONFLICT (namespace, cache_type) DO UPDATE SET
                    hits = t.hits + excluded.hits,
                    misses = t.misses + excluded.misses,
                    saved_nanos = t.saved_nanos + excluded.saved_nanos
                """, counts.entrySet().stream()
                .map(e -> new MapSqlParameterSource()
                        .addValue("namespace", e.getKey().namespace()).addValue("cacheType", e.getKey().cacheType())
                        .addValue("hits", e.getValue().hits()).addValue("misses", e.getValue().misses())
                        .addValue("saved", e.getValue().savedNanos()))
                .toArray(SqlParameterSource[]::new));
    }
}
