package dev.llmcache.backup.web;

import dev.llmcache.backup.Backup;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/**
 * A backup written.
 *
 * @param path the backup file, absolute
 * @param bytes its size
 * @param entries the entries in it, counted in the copy
 * @param createdAt when the backup was asked for: every write acknowledged before it is in the copy
 */
record BackupResponse(
        @Schema(description = "The backup file, absolute", example = "/var/lib/llm-cache/backups/llm-cache-20261121T081500Z.db")
        String path,
        @Schema(description = "Its size in bytes") long bytes,
        @Schema(description = "The entries in it, counted in the copy itself") long entries,
        @Schema(description = "When the backup was asked for: every write acknowledged before then is in the copy") Instant createdAt) {

    static BackupResponse of(Backup backup) {
        return new BackupResponse(backup.path().toString(), backup.bytes(), backup.entries(), backup.createdAt());
    }
}
