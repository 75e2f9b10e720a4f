package dev.llmcache.lease;

import dev.llmcache.storage.ReadOnly;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The leases table: one row per (namespace, key) with a lease. Granting is one statement that
 * inserts, or takes over a row whose expiry has passed, so two clients (or two replicas) asking at
 * once never both get it, on SQLite and on PostgreSQL alike. Times are epoch milliseconds.
 */
@Repository
class LeaseRepository {

    private static final RowMapper<Lease> LEASE = (rs, n) -> new Lease(rs.getString("id"), rs.getString("namespace"),
            rs.getString("cache_key"), Instant.ofEpochMilli(rs.getLong("expires_at")));

    private final JdbcClient write;
    private final JdbcClient read;

    LeaseRepository(JdbcClient write, @ReadOnly JdbcClient read) {
        this.write = write;
        this.read = read;
    }

    /** The outcome of a grant: whether the row was an expired lease taken over. */
    record Granted(Lease lease, boolean tookOverExpired) {
    }

    /**
     * Grants {@code id} on the key unless a live lease holds it; an expired lease is taken over in
     * the same statement. Empty when another live lease holds the key.
     */
    Optional<Granted> grant(String namespace, String cacheKey, String id, Instant now, Instant expiresAt) {
        return write.sql("""
                INSERT INTO leases (namespace, cache_key, id, granted_at, expires_at, takeovers)
                VALUES (:namespace, :key, :id, :now, :expiresAt, 0)
                ON CONFLICT (namespace, cache_key) DO UPDATE SET id = excluded.id, granted_at = excluded.granted_at,
                    expires_at = excluded.expires_at, takeovers = leases.takeovers + 1
                WHERE leases.expires_at <= excluded.granted_at
                RETURNING id, takeovers
                """).param("namespace", namespace).param("key", cacheKey).param("id", id)
                .param("now", now.toEpochMilli()).param("expiresAt", expiresAt.toEpochMilli())
                .query((rs, n) -> new Granted(new Lease(rs.getString("id"), namespace, cacheKey, expiresAt),
                        rs.getLong("takeovers") > 0))
                .optional();
    }

    /** The live lease on a key, if any. */
    Optional<Lease> live(String namespace, String cacheKey, Instant now) {
        return read.sql("""
                SELECT id, namespace, cache_key, expires_at FROM leases
                WHERE namespace = :namespace AND cache_key = :key AND expires_at > :now
                """).param("namespace", namespace).param("key", cacheKey).param("now", now.toEpochMilli())
                .query(LEASE).optional();
    }

    /** The rows (live or expired) of some keys of a namespace. */
    List<Lease> find(String namespace, List<String> cacheKeys) {
        return read.sql("""
                SELECT id, namespace, cache_key, expires_at FROM leases
                WHERE namespace = :namespace AND cache_key IN (:keys)
                """).param("namespace", namespace).param("keys", cacheKeys).query(LEASE).list();
    }

    /** Ends a live lease by its id; the key it held, or empty when it was unknown or had ended. */
    Optional<String> release(String namespace, String id, Instant now) {
        return write.sql("""
                DELETE FROM leases WHERE id = :id AND namespace = :namespace AND expires_at > :now
                RETURNING cache_key
                """).param("id", id).param("namespace", namespace).param("now", now.toEpochMilli())
                .query(String.class).optional();
    }

    /** How a store found its key's lease, which it ends. */
    enum Ended {
        /** No lease on the key. */
        NONE,
        /** A live lease: the outcome {@code stored}. */
        LIVE,
        /** A lease that had expired, not yet swept nor taken over: the outcome {@code expired}. */
        EXPIRED;

        static Ended at(long expiresAt, Instant now) {
            return expiresAt > now.toEpochMilli() ? LIVE : EXPIRED;
        }
    }

    /** Ends the lease on a key (its result was stored), live or expired. */
    Ended end(String namespace, String cacheKey, Instant now) {
        return write.sql("""
                DELETE FROM leases WHERE namespace = :namespace AND cache_key = :key
                RETURNING expires_at
                """).param("namespace", namespace).param("key", cacheKey)
                .query(Long.class).optional().map(expires -> Ended.at(expires, now)).orElse(Ended.NONE);
    }

    /** Ends the leases on some keys of a namespace (an import wrote them): each key that had one, and how. */
    Map<String, Ended> endAll(String namespace, List<String> cacheKeys, Instant now) {
        Map<String, Ended> ended = new HashMap<>();
        write.sql("""
                DELETE FROM leases WHERE namespace = :namespace AND cache_key IN (:keys)
                RETURNING cache_key, expires_at
                """).param("namespace", namespace).param("keys", cacheKeys)
                .query((rs, n) -> ended.put(rs.getString("cache_key"), Ended.at(rs.getLong("expires_at"), now))).list();
        return ended;
    }

    /** Removes leases that expired without being taken over; the namespace of each, for counting. */
    List<String> sweepExpired(Instant now) {
        return write.sql("DELETE FROM leases WHERE expires_at <= :now RETURNING namespace")
                .param("now", now.toEpochMilli()).query(String.class).list();
    }
}
