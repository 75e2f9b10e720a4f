package dev.llmcache.migration;

import dev.llmcache.storage.ReadOnly;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code migrations} table: one row per migration, written when it starts, every few seconds while
 * it runs (progress and heartbeat) and when it ends (status, error and the result as JSON).
 */
@Repository
class MigrationRepository {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final RowMapper<Stored> ROW = (rs, row) -> new Stored(migration(rs),
            Instant.ofEpochMilli(rs.getLong("heartbeat_at")));

    private final JdbcClient write;
    private final JdbcClient read;

    MigrationRepository(JdbcClient write, @ReadOnly JdbcClient read) {
        this.write = write;
        this.read = read;
    }

    /** A migration as stored, and when the process running it was last heard from. */
    record Stored(Migration migration, Instant heartbeatAt) {
    }

    void insert(Migration migration, Instant now) {
        write.sql("""
                INSERT INTO migrations (id, namespace, status, source, layout, dry_run, backup, verify, total,
                    migrated, failed, skipped, current_file, result, error, started_at, heartbeat_at, finished_at, started_by)
                VALUES (:id, :namespace, :status, :source, :layout, :dryRun, :backup, :verify, :total,
                    :migrated, :failed, :skipped, :currentFile, :result, :error, :startedAt, :heartbeatAt, :finishedAt,
                    :startedBy)
                """).params(params(migration, now)).update();
    }

    /** Writes the migration's current state and heartbeat. */
    void update(Migration migration, Instant now) {
        write.sql("""
                UPDATE migrations SET status = :status, total = :total, migrated = :migrated, failed = :failed,
                    skipped = :skipped, current_file = :currentFile, result = :result, error = :error,
                    heartbeat_at = :heartbeatAt, finished_at = :finishedAt
                WHERE id = :id
                """).params(params(migration, now)).update();
    }

    /**
     * Ends a RUNNING migration whose process stopped, unless it was heard from or ended meanwhile;
     * true when this call ended it.
     */
    boolean markInterrupted(Migration interrupted, Instant lastHeartbeat, Instant now) {
        Map<String, Object> params = params(interrupted, now);
        params.put("lastHeartbeat", lastHeartbeat.toEpochMilli());
        return write.sql("""
                UPDATE migrations SET status = :status, current_file = NULL, result = :result, error = :error,
                    finished_at = :finishedAt
                WHERE id = :id AND status = 'RUNNING' AND heartbeat_at = :lastHeartbeat
                """).params(params).update() == 1;
    }

    Optional<Stored> find(String id) {
        return read.sql("""
                SELECT id, namespace, status, source, layout, dry_run, backup, verify, total, migrated, failed, skipped,
                    current_file, result, error, started_at, heartbeat_at, finished_at, started_by
                FROM migrations WHERE id = :id
                """).param("id", id).query(ROW).optional();
    }

    private static Map<String, Object> params(Migration migration, Instant now) {
        MigrationProgress progress = migration.progress();
        Map<String, Object> params = new HashMap<>();
        params.put("id", migration.id());
        params.put("namespace", migration.namespace());
        params.put("status", migration.status().name());
        params.put("source", migration.source());
        params.put("layout", migration.layout().name());
        params.put("dryRun", migration.dryRun());
        params.put("backup", migration.backup());
        params.put("verify", migration.verify());
        params.put("total", progress.total());
        params.put("migrated", progress.migrated());
        params.put("failed", progress.failed());
        params.put("skipped", progress.skipped());
        params.put("currentFile", progress.currentFile());
        params.put("result", migration.result() == null ? null : JSON.writeValueAsString(migration.result()));
        params.put("error", migration.error());
        params.put("startedAt", migration.startedAt().toEpochMilli());
        params.put("heartbeatAt", now.toEpochMilli());
        params.put("finishedAt", migration.finishedAt() == null ? null : migration.finishedAt().toEpochMilli());
        params.put("startedBy", migration.startedBy());
        return params;
    }

    private static Migration migration(ResultSet rs) throws SQLException {
        String result = rs.getString("result");
        long finishedAt = rs.getLong("finished_at");
        boolean finished = !rs.wasNull();
        return new Migration(rs.getString("id"), rs.getString("namespace"),
                MigrationStatus.valueOf(rs.getString("status")), rs.getString("source"),
                LegacyLayout.valueOf(rs.getString("layout")), rs.getBoolean("dry_run"), rs.getBoolean("backup"),
                rs.getBoolean("verify"), Instant.ofEpochMilli(rs.getLong("started_at")),
                finished ? Instant.ofEpochMilli(finishedAt) : null, rs.getString("error"),
                new MigrationProgress(rs.getLong("total"), rs.getLong("migrated"), rs.getLong("failed"),
                        rs.getLong("skipped"), rs.getString("current_file")),
                result == null ? null : JSON.readValue(result, MigrationResult.class), rs.getString("started_by"));
    }
}
