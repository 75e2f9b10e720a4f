package dev.llmcache.storage;

import java.util.Optional;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Tells the other replicas on one PostgreSQL database of every change of stored entries: each {@link EntriesChanged}
 * becomes a {@code pg_notify} on the writer's connection, in the writer's transaction when there is one, so that
 * PostgreSQL delivers it when the change commits and never when it rolls back. The other replicas hear it through
 * their {@link PostgresChangeListener} and forget their copies of what changed ({@code entry.HotEntries}); a flush of
 * access counts ({@link EntriesAccessed}) they hear as such, and read the counts of their copies again. Nothing on
 * SQLite, where this server is the only writer.
 */
@Component
class PostgresChangeNotifier {

    /** The channel of every replica of every schema on the database: a notice heard from another schema only makes copies be forgotten. */
    static final String CHANNEL = "llmcache_entries";

    private static final String ANY = "";
    /**
     * The second line of a flush of access counts, which has no third: a replica of an earlier version reads a notice of
     * fewer than three lines as a change of any entry, as it told a flush itself.
     */
    private static final String ACCESSED = "accessed";

    private final DatabaseVendor vendor;
    private final JdbcClient write;
    /** Who sent a notice: this application's own notices come back to its listener, which knows them by it. */
    private final String replica = UUID.randomUUID().toString();

    PostgresChangeNotifier(DatabaseVendor vendor, JdbcClient write) {
        this.vendor = vendor;
        this.write = write;
    }

    @EventListener
    void tell(EntriesChanged change) {
        send(notice(change));
    }

    /** The other replicas' copies lack the counts a flush wrote: they read them again ({@link EntriesAccessedElsewhere}). */
    @EventListener
    void tell(EntriesAccessed accessed) {
        send(notice(accessed));
    }

    private void send(String notice) {
        if (vendor == DatabaseVendor.POSTGRESQL) {
            write.sql("SELECT pg_notify(:channel, :notice)").param("channel", CHANNEL).param("notice", notice)
                    .query((RowCallbackHandler) row -> { });
        }
    }

    /** The notice of a flush of access counts: this replica, then {@link #ACCESSED}. */
    String notice(EntriesAccessed accessed) {
        return replica + "\n" + ACCESSED;
    }

    /** The notice of a change: this replica, the key (empty for any entry), the namespace last (it may hold any character). */
    String notice(EntriesChanged change) {
        return replica + "\n" + (change.isAny() ? ANY : change.cacheKey()) + "\n" + (change.isAny() ? ANY : change.namespace());
    }

    /**
     * What a notice tells of ({@link EntriesChangedElsewhere} or {@link EntriesAccessedElsewhere}), or empty when this
     * replica sent it (and has heard of it already). A notice that cannot be read tells of a change of any entry:
     * forgetting too much only costs reads.
     */
    Optional<Object> heard(String notice) {
        String[] parts = notice.split("\n", 3);
        if (parts.length == 2 && parts[1].equals(ACCESSED)) {
            return parts[0].equals(replica) ? Optional.empty() : Optional.of(new EntriesAccessedElsewhere());
        }
        if (parts.length < 3 || parts[1].equals(ANY)) {
            return parts[0].equals(replica) ? Optional.empty() : Optional.of(new EntriesChangedElsewhere(null, null));
        }
        return parts[0].equals(replica) ? Optional.empty() : Optional.of(new EntriesChangedElsewhere(parts[2], parts[1]));
    }
}
