package dev.llmcache.compression;

import dev.llmcache.storage.EntriesChanged;
import dev.llmcache.storage.ReadOnly;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads the frames of a kind that its current dictionary did not compress, in id order, and writes a
 * frame back re-compressed: the entry's size and dictionary with it, nothing else (its ETag and
 * {@code resultBytes} stay, so clients see the same result).
 */
@Repository
class RecompressionRepository {

    /** An entry's stored frame, as read for re-compression. */
    record StoredFrame(long id, int resultBytes, int storedBytes, byte[] etag, byte[] frame) {
    }

    private static final RowMapper<StoredFrame> FRAME = (rs, n) -> new StoredFrame(rs.getLong("id"), rs.getInt("result_bytes"),
            rs.getInt("stored_bytes"), rs.getBytes("result_etag"),
            rs.getBytes("result"));

    private final JdbcClient write;
    private final JdbcClient read;
    private final ApplicationEventPublisher events;

    RecompressionRepository(JdbcClient write, @ReadOnly JdbcClient read, ApplicationEventPublisher events) {
        this.write = write;
        this.read = read;
        this.events = events;
    }

    /**
     * Up to {@code limit} frames of the kind after the id {@code after} compressed without a dictionary.
     * Frames of an older dictionary of the kind are left as they are: a newer one saves about 1 % more
     * (docs/storage.md), not worth rewriting every frame of a kind each time it is retrained.
     */
    List<StoredFrame> framesWithoutDictionary(Kind kind, long after, int limit) {
        return read.sql("""
                SELECT e.id, e.result_bytes, e.stored_bytes, e.result_etag, r.result
                FROM entries e JOIN entry_results r ON r.entry_id = e.id
                WHERE e.namespace_id = :namespace AND e.cache_type_id = :cacheType AND e.id > :after
                  AND e.dictionary_id IS NULL
                ORDER BY e.id
                LIMIT :limit
                """).param("namespace", kind.namespaceId()).param("cacheType", kind.cacheTypeId())
                .param("after", after).param("limit", limit)
                .query(FRAME).list();
    }

    /**
     * Replaces an entry's frame with the same result compressed with {@code dictionaryId}, unless the
     * entry changed since it was read (replaced by a store, or re-compressed already): then it is left
     * as it is. COST_AWARE's priority follows the smaller size (entry.CostAwarePriority's formula with
     * the entry's inflation kept: only the cost-per-byte term changes). False when nothing was written.
     */
    boolean replaceFrame(StoredFrame old, byte[] frame, long dictionaryId) {
        int updated = write.sql("""
                UPDATE entries SET stored_bytes = :stored, dictionary_id = :dictionary,
                    eviction_priority = eviction_priority + (access_count + 1) * CAST(cost_nanos AS DOUBLE PRECISION)
                        * (1.0 / COALESCE(NULLIF(:stored, 0), 1) - 1.0 / COALESCE(NULLIF(stored_bytes, 0), 1))
                WHERE id = :id AND result_etag = :etag AND stored_bytes = :oldStored
                  AND dictionary_id IS NULL
                """).param("stored", frame.length).param("dictionary", dictionaryId).param("id", old.id())
                .param("etag", old.etag()).param("oldStored", old.storedBytes()).update();
        if (updated == 0) {
            return false;
        }
        write.sql("UPDATE entry_results SET result = :frame WHERE entry_id = :id").param("frame", frame)
                .param("id", old.id()).update();
        events.publishEvent(EntriesChanged.any()); // its stored size; the frame's row does not know its key
        return true;
    }
}
