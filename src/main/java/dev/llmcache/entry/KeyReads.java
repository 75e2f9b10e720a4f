package dev.llmcache.entry;

import dev.llmcache.storage.ReadOnly;
import dev.llmcache.support.Hex;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Lookups by key that also tell a miss the key's live lease, in the statement that looked for the
 * entry where the database allows it ({@link KeyRead}), and a batch's lookups by cache key; both
 * answer from the {@link HotEntries} where they can. The one read of the entry feature that
 * touches the lease feature's table, in SQL only: docs/architecture.md, "lease below lookup".
 */
@Repository
public class KeyReads {

    /** Where a row of {@link #BY_KEY_WITH_LEASE} has the lease's id (NULL in an entry's row) and expiry. */
    private static final int LEASE_ID_POSITION = EntryColumns.RESULT_POSITION + 1;
    private static final int LEASE_EXPIRES_POSITION = EntryColumns.RESULT_POSITION + 2;

    /** The lease's two columns in an entry's row, typed: PostgreSQL would take two bare NULLs for text and then refuse the expiry's bigint. */
    private static final String LEASE_PADDING = ", CAST(NULL AS TEXT), CAST(NULL AS BIGINT)";

    /**
     * The lookup by cache key and legacy key ({@link EntryRepository#find}) with a third arm: the
     * key's live lease (the lease feature's table), each row padded to the same columns. SQLite runs
     * the arms in turn and only as far as rows are read, so a hit by cache key stops before the lease
     * is looked at and a miss reads it in the statement it runs anyway: a second statement was 8.5 %
     * of a miss's CPU in the load benchmark's profile. PostgreSQL runs every arm and its driver fetches
     * every row, so a hit pays one probe of the leases' primary key more; a miss there ran three
     * statements without it (the entry, the lease, the entry again: docs/performance.md, change 38).
     */
    private static final String BY_KEY_WITH_LEASE = EntryRepository.byKey("e.cache_key = :key", LEASE_PADDING)
            + " UNION ALL " + EntryRepository.byKey("e.legacy_key = :key", LEASE_PADDING)
            + " UNION ALL SELECT " + "NULL, ".repeat(EntryColumns.RESULT_POSITION) + "l.id, l.expires_at FROM leases l"
            + " WHERE l.namespace = :leaseNamespace AND l.cache_key = :leaseKey AND l.expires_at > :now";

    private final JdbcClient read;
    private final Names names;
    private final EntryRepository entries;
    private final HotEntries hot;

    KeyReads(@ReadOnly JdbcClient read, Names names, EntryRepository entries, HotEntries hot) {
        this.read = read;
        this.names = names;
        this.entries = entries;
        this.hot = hot;
    }

    /**
     * As {@link EntryRepository#find}, and the key's live lease at {@code now} in the same statement
     * when no entry has the key as its cache key. For a legacy-only key and for a namespace without
     * entries the read says nothing about leases ({@link KeyRead#leaseRead()} false); nor does a hit
     * on the {@link HotEntries}, which reads nothing.
     */
    public KeyRead find(String namespace, EntryKey key, Instant now) {
        if (key.isLegacyOnly()) {
            return KeyRead.entryOnly(entries.find(namespace, key));
        }
        StoredEntry copy = hot.find(namespace, key);
        if (copy != null) {
            return KeyRead.entryOnly(Optional.of(copy));
        }
        HotEntries.Stamp stamp = hot.stamp();
        Optional<Long> namespaceId = names.find(namespace);
        if (namespaceId.isEmpty()) {
            return KeyRead.entryOnly(Optional.empty());
        }
        byte[] bytes = Hex.bytes(key.value());
        RowOrLease found = read.sql(BY_KEY_WITH_LEASE).param("namespace", namespaceId.get()).param("key", bytes)
                .param("leaseNamespace", namespace).param("leaseKey", key.value()).param("now", now.toEpochMilli())
                .query((ResultSetExtractor<RowOrLease>) rs -> rowOrLease(rs, bytes));
        // names are resolved once the statement has given its connection back: resolving may read
        // the names table, and a second read connection taken while holding one can exhaust the pool
        Optional<StoredEntry> entry = Optional.ofNullable(found.row()).map(row -> EntryRows.resolve(row, names));
        entry.ifPresent(stored -> hot.offer(namespace, key, stored, stamp));
        return new KeyRead(entry, found.leaseRead(), Optional.ofNullable(found.lease()));
    }

    /**
     * As {@link EntryRepository#findAllByCacheKey}, for a batch of lookups: the {@link HotEntries}
     * answer for the keys they hold, the database for the rest, and what it read is offered to them as
     * a single lookup's read is. A batch over entries served recently reads no database (its query was
     * about a third of a batch's CPU in the load benchmark's profiles).
     */
    public List<StoredEntry> findAll(String namespace, Collection<String> cacheKeys) {
        List<StoredEntry> found = new ArrayList<>(cacheKeys.size());
        List<String> unread = new ArrayList<>();
        for (String cacheKey : cacheKeys) {
            StoredEntry copy = hot.find(namespace, new EntryKey(cacheKey));
            if (copy == null) {
                unread.add(cacheKey);
            } else {
                found.add(copy);
            }
        }
        if (!unread.isEmpty()) {
            HotEntries.Stamp stamp = hot.stamp();
            for (StoredEntry entry : entries.findAllByCacheKey(namespace, unread)) {
                hot.offer(namespace, new EntryKey(entry.metadata().cacheKey()), entry, stamp);
                found.add(entry);
            }
        }
        return found;
    }

    private record RowOrLease(EntryRows.Row row, boolean leaseRead, KeyRead.LiveLease lease) {
    }

    /**
     * The row {@link KeyPick} chooses, telling the lease's row apart; the lease counts as read only
     * when every row was.
     */
    private static RowOrLease rowOrLease(ResultSet rs, byte[] key) throws SQLException {
        KeyPick pick = new KeyPick(key);
        KeyRead.LiveLease lease = null;
        for (int n = 0; rs.next(); n++) {
            String leaseId = rs.getString(LEASE_ID_POSITION);
            if (leaseId != null) {
                lease = new KeyRead.LiveLease(leaseId, Instant.ofEpochMilli(rs.getLong(LEASE_EXPIRES_POSITION)));
            } else if (pick.offer(EntryRows.WITH_RESULT.mapRow(rs, n))) {
                return new RowOrLease(pick.picked(), false, null);
            }
        }
        return new RowOrLease(pick.picked(), true, lease);
    }
}
