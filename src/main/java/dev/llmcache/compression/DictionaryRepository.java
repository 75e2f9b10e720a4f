package dev.llmcache.compression;

import dev.llmcache.storage.ReadOnly;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code dictionaries} table, and what training reads of the entries: the size of each kind
 * (from the aggregates the triggers keep, never a scan) and a sample of its newest results. Reads go
 * to the read pool; the one write is the insert of a trained dictionary, a short transaction of its own.
 */
@Repository
class DictionaryRepository {

    /** A stored dictionary without its bytes. */
    record Header(long id, Kind kind, Instant createdAt, long kindEntries) {
    }

    /** A kind and the entries it holds now. */
    record KindSize(Kind kind, long entries) {
    }

    /** A stored result: its JSON's size and its frame. */
    record Sample(int resultBytes, byte[] frame) {
    }

    private static final RowMapper<Header> HEADER = (rs, n) -> new Header(rs.getLong("id"),
            new Kind(rs.getLong("namespace_id"), rs.getLong("cache_type_id")),
            Instant.ofEpochMilli(rs.getLong("created_at")), rs.getLong("kind_entries"));

    private static final RowMapper<KindSize> KIND_SIZE = (rs, n) -> new KindSize(
            new Kind(rs.getLong("namespace_id"), rs.getLong("cache_type_id")), rs.getLong("entries"));

    private static final RowMapper<Sample> SAMPLE = (rs, n) -> new Sample(rs.getInt("result_bytes"), rs.getBytes("result"));

    private final JdbcClient write;
    private final JdbcClient read;

    DictionaryRepository(JdbcClient write, @ReadOnly JdbcClient read) {
        this.write = write;
        this.read = read;
    }

    /** Every stored dictionary, oldest first (a handful per kind: the table is small). */
    List<Header> headers() {
        return read.sql("""
                SELECT id, namespace_id, cache_type_id, created_at, kind_entries FROM dictionaries
                ORDER BY created_at, id
                """).query(HEADER).list();
    }

    /** A dictionary's bytes, by its id. */
    Optional<byte[]> bytes(long id) {
        return read.sql("SELECT dictionary FROM dictionaries WHERE id = :id").param("id", id)
                .query((rs, n) -> rs.getBytes("dictionary")).optional();
    }

    /** Stores a trained dictionary; false when its id is taken (by an earlier dictionary, here or on another replica). */
    boolean insertIfAbsent(Dictionary dictionary) {
        return write.sql("""
                INSERT INTO dictionaries (id, namespace_id, cache_type_id, created_at, samples, kind_entries, dictionary)
                VALUES (:id, :namespace, :cacheType, :createdAt, :samples, :kindEntries, :bytes)
                ON CONFLICT (id) DO NOTHING
                """).param("id", dictionary.id()).param("namespace", dictionary.kind().namespaceId())
                .param("cacheType", dictionary.kind().cacheTypeId()).param("createdAt", dictionary.createdAt().toEpochMilli())
                .param("samples", dictionary.samples()).param("kindEntries", dictionary.kindEntries())
                .param("bytes", dictionary.bytes()).update() == 1;
    }

    /** The entries each kind holds now, from the aggregates. */
    List<KindSize> kindSizes() {
        return read.sql("SELECT namespace_id, cache_type_id, entries FROM type_stats WHERE entries > 0")
                .query(KIND_SIZE).list();
    }

    /** The newest results of a kind (the listing's index, newest first), as stored. */
    List<Sample> newestResults(Kind kind, int limit) {
        return read.sql("""
                SELECT e.result_bytes, r.result FROM entries e JOIN entry_results r ON r.entry_id = e.id
                WHERE e.namespace_id = :namespace AND e.cache_type_id = :cacheType
                ORDER BY e.created_at DESC, e.id DESC
                LIMIT :limit
                """).param("namespace", kind.namespaceId()).param("cacheType", kind.cacheTypeId()).param("limit", limit)
                .query(SAMPLE).list();
    }

    /** "namespace X, cache type Y": the kind's names, for the log. */
    String kindNames(Kind kind) {
        String namespace = name(kind.namespaceId());
        String cacheType = name(kind.cacheTypeId());
        return "namespace " + namespace + ", cache type " + cacheType;
    }

    private String name(long id) {
        return read.sql("SELECT name FROM names WHERE id = :id").param("id", id).query(String.class).optional()
                .orElse("#" + id);
    }
}
