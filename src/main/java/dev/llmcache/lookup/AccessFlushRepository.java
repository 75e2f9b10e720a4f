package dev.llmcache.lookup;

import dev.llmcache.ledger.LookupCounts;
import dev.llmcache.ledger.Savings;
import dev.llmcache.entry.CostAwarePriority;
import dev.llmcache.entry.Names;
import dev.llmcache.entry.RowAccesses;
import dev.llmcache.storage.EntriesAccessed;
import dev.llmcache.storage.ReadOnly;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Writes a batch of recorded lookups: entries' access counts and times, and hit/miss statistics; and reads the counts
 * of copied entries again after another replica's flush ({@link CopiedCounts}).
 */
@Repository
class AccessFlushRepository {

    /** Ids per query when reading the counts of copied entries: a statement of a bounded size, however many copies. */
    static final int READ_CHUNK = 1_000;

    /** COST_AWARE eviction's priority with the new accesses counted, at today's inflation. */
    private static final String ACCESSED_PRIORITY = CostAwarePriority.sql("access_count + :count", "cost_nanos", "stored_bytes");

    private final NamedParameterJdbcTemplate write;
    private final JdbcClient read;
    private final Names names;
    private final ApplicationEventPublisher events;

    AccessFlushRepository(NamedParameterJdbcTemplate write, @ReadOnly JdbcClient read, Names names, ApplicationEventPublisher events) {
        this.write = write;
        this.read = read;
        this.names = names;
        this.events = events;
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
        // this server's copies get these counts from the tracker; other replicas read them (PostgreSQL: CopiedCounts)
        events.publishEvent(new EntriesAccessed());
    }

    /** The access counts and times that the rows of {@code copied} hold now; rows deleted or replaced are left out. */
    List<RowAccesses> accessesOf(List<RowAccesses> copied) {
        List<RowAccesses> rows = new ArrayList<>(copied.size());
        for (int from = 0; from < copied.size(); from += READ_CHUNK) {
            List<RowAccesses> chunk = copied.subList(from, Math.min(copied.size(), from + READ_CHUNK));
            Map<Long, RowAccesses> byId = chunk.stream().collect(Collectors.toMap(RowAccesses::id, copy -> copy, (a, b) -> a));
            read.sql("""
                    SELECT id, created_at, access_count, last_accessed_at FROM entries WHERE id IN (:ids)
                    """).param("ids", byId.keySet()).query((RowCallbackHandler) rs -> {
                        RowAccesses copy = byId.get(rs.getLong(1));
                        if (copy.createdAt() == rs.getLong(2)) {
                            rows.add(new RowAccesses(copy.namespace(), copy.cacheKey(), copy.id(), copy.createdAt(),
                                    rs.getLong(3), rs.getLong(4)));
                        }
                    });
        }
        return rows;
    }

    /**
     * Adds hits, misses and savings per namespace and cache type (a miss by key has the cache type "");
     * savings stop at {@link Savings#MAX_NANOS}, hits and misses are added all the same. Answers the
     * namespaces and types of the batch that added savings and now stand at that ceiling.
     */
    Set<PendingAccess.TypeKey> addTypeCounts(Map<PendingAccess.TypeKey, LookupCounts> counts) {
        Set<String> strings = new HashSet<>();
        counts.keySet().forEach(key -> {
            strings.add(key.namespace());
            strings.add(key.cacheType());
        });
        Map<String, Long> ids = names.idsOf(strings);
        // in the primary key's order, as the groups of stores upsert these rows (storage.GroupStatistics): no deadlock
        write.batchUpdate("""
                INSERT INTO type_stats AS t (namespace_id, cache_type_id, hits, misses, saved_nanos)
                VALUES (:namespace, :cacheType, :hits, :misses, :saved)
                ON CONFLICT (namespace_id, cache_type_id) DO UPDATE SET
                    hits = t.hits + excluded.hits,
                    misses = t.misses + excluded.misses,
                    saved_nanos = %s
                """.formatted(Savings.clampedSql("t.saved_nanos", "excluded.saved_nanos")), counts.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<PendingAccess.TypeKey, LookupCounts> e) -> ids.get(e.getKey().namespace()))
                        .thenComparing(e -> ids.get(e.getKey().cacheType())))
                .map(e -> new MapSqlParameterSource()
                        .addValue("namespace", ids.get(e.getKey().namespace()))
                        .addValue("cacheType", ids.get(e.getKey().cacheType()))
                        .addValue("hits", e.getValue().hits()).addValue("misses", e.getValue().misses())
                        .addValue("saved", e.getValue().savedNanos()))
                .toArray(SqlParameterSource[]::new));
        Set<PendingAccess.TypeKey> saving = counts.entrySet().stream().filter(e -> e.getValue().savedNanos() > 0)
                .map(Map.Entry::getKey).collect(Collectors.toSet());
        if (saving.isEmpty()) {
            return Set.of();
        }
        // by the primary key's leading column: a few rows, whatever the number of namespaces
        return write.query("""
                SELECT n.name, c.name FROM type_stats t JOIN names n ON n.id = t.namespace_id
                    JOIN names c ON c.id = t.cache_type_id
                WHERE t.namespace_id IN (:namespaces) AND t.saved_nanos = :max
                """, new MapSqlParameterSource()
                .addValue("namespaces", saving.stream().map(key -> ids.get(key.namespace())).distinct().toList())
                .addValue("max", Savings.MAX_NANOS),
                (rs, n) -> new PendingAccess.TypeKey(rs.getString(1), rs.getString(2)))
                .stream().filter(saving::contains).collect(Collectors.toSet());
    }
}
