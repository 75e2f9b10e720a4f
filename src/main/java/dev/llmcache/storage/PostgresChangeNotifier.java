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
 * their {@link PostgresChangeListener} and forget their copies of what changed ({@code entry.HotEntries}). Nothing
 * on SQLite, where this server is the only writer.
 */
@Component
class PostgresChangeNotifier {

    /** The channel of every replica of every schema on the database: a notice heard from another schema only makes copies be forgotten. */
    static final String CHANNEL = "llmcache_entries";

    private static final String ANY = "";

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
        if (vendor != DatabaseVendor.POSTGRESQL) {
            return;
        }
        write.sql("SELECT pg_notify(:channel, :notice)").param("channel", CHANNEL).param("notice", notice(change))
                .query((RowCallbackHandler) row -> { });
    }

    /** The other replicas' copies lack the counts a flush wrote: for them it is a change of any entry. */
    @EventListener
    void tell(EntriesAccessed accessed) {
        tell(EntriesChanged.any());
    }

    /** The notice of a change: this replica, the key (empty for any entry), the namespace last (it may hold any character). */
    String notice(EntriesChanged change) {
        return replica + "\n" + (change.isAny() ? ANY : change.cacheKey()) + "\n" + (change.isAny() ? ANY : change.namespace());
    }

    /**
     * The change a notice tells of, or empty when this replica sent it (and has heard of it already). A notice
     * that cannot be read tells of a change of any entry: forgetting too much only costs reads.
     */
    Optional<EntriesChangedElsewhere> heard(String notice) {
        String[] parts = notice.split("\n", 3);
        if (parts.length < 3 || parts[1].equals(ANY)) {
            return parts[0].equals(replica) ? Optional.empty() : Optional.of(new EntriesChangedElsewhere(null, null));
        }
        return parts[0].equals(replica) ? Optional.empty() : Optional.of(new EntriesChangedElsewhere(parts[2], parts[1]));
    }
}
