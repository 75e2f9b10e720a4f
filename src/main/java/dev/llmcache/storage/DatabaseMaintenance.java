package dev.llmcache.storage;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The one seam for what differs between the databases beyond SQL dialect: how bulk work shares
 * the writer, checkpoints and vacuum, what the database takes on disk, and how a cross-replica lock
 * reads the time. Eviction, migration and health call this; none of them asks which database it is.
 * {@link SqliteMaintenance} and {@link PostgresMaintenance} implement it.
 */
public interface DatabaseMaintenance {

    /** Which database this is, for messages and health. */
    DatabaseVendor vendor();

    /**
     * Runs bulk deletes (eviction) so that they keep the writer as little as possible. On SQLite the
     * writer's automatic checkpoints are off meanwhile and {@link #checkpoint} runs at the end.
     */
    void duringBulkWork(Runnable work);

    /**
     * Copies written pages into the database file now, off the writer (SQLite: a passive WAL
     * checkpoint on a read connection). Bulk work calls it every few batches; a no-op on PostgreSQL.
     */
    void checkpoint();

    /**
     * Gives concurrent writers a turn after a batch of bulk work that started at {@code startedNanos}
     * ({@link System#nanoTime}): SQLite has one writer connection, so the bulk job steps aside for a
     * tenth of its batch's time. False when the thread was interrupted (the server is stopping).
     */
    boolean yieldWriter(long startedNanos);

    /**
     * Gives pages freed by deletes back to the file system, in short steps that yield the writer
     * between them (SQLite with incremental auto-vacuum); a no-op where the database reuses them.
     */
    void reclaimFreePages();

    /** Bytes the cache's data takes on disk now: the file and its WAL, or the tables and their indices. */
    long sizeOnDisk();

    /**
     * Writes a consistent copy of the database into the new file {@code target} while reads and
     * writes go on, and answers what it wrote; empty where the database has tools of its own for
     * that (PostgreSQL: {@code pg_dump}). Every write committed before the call is in the copy.
     */
    Optional<BackupCopy> backupInto(Path target);

    /**
     * {@link #sizeOnDisk()} once every committed page is in the database file: what {@code du} of the
     * data directory shows after the server stops. SQLite: a TRUNCATE checkpoint on the writer first
     * (it empties the WAL unless a reader still needs it); PostgreSQL: the same as {@link #sizeOnDisk()}.
     * Holds the writer for the checkpoint's time: for the ends of bulk work, not for every request.
     */
    long settledSizeOnDisk();

    /**
     * Rewrites the cache's tables and indices tightly packed: SQLite {@code VACUUM} (through its WAL,
     * which grows to the database's size until {@link #settledSizeOnDisk()} checkpoints it), PostgreSQL
     * {@code VACUUM (FULL, ANALYZE)} of the cache's tables (which also gives the planner fresh statistics). Every other
     * reader and writer of the database waits while it runs: for the offline {@code migrate --compact}
     * of a bulk import, never for a serving server.
     */
    void compact();

    /** What {@code /actuator/health} shows of the database's size and state. */
    Map<String, Object> healthDetails();

    /** Sets up the ShedLock provider for this database (its clock, its way of reporting a duplicate key). */
    void configureLocks(JdbcTemplateLockProvider.Configuration.Builder configuration, JdbcTemplate jdbc);
}
