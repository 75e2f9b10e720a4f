package dev.llmcache.backup.web;

import dev.llmcache.backup.BackupService;
import dev.llmcache.web.Audited;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Online backups of the SQLite database, taken while the server keeps serving. */
@RestController
@Tag(name = "Operations", description = "Backups")
class BackupController {

    private final BackupService service;

    BackupController(BackupService service) {
        this.service = service;
    }

    @Audited("backup")
    @PostMapping(path = "/api/v1/admin/backup", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(operationId = "backUp", summary = "Write an online backup of the SQLite database (admin of all namespaces)",
            description = "Writes a consistent, compacted copy of the SQLite database (VACUUM INTO) into a new file "
                    + "llm-cache-<UTC time>.db in cache.backup-dir while reads and writes go on. Every write acknowledged "
                    + "before the request began is in the copy. To restore, stop the server and put the copy in place of "
                    + "<cache.data-dir>/cache.db (removing cache.db-wal and cache.db-shm), or start a server with "
                    + "cache.data-dir pointing at a directory that holds the copy as cache.db. On PostgreSQL: 409, use pg_dump.")
    @ApiResponse(responseCode = "201", description = "The backup was written; entries are counted in the copy itself.")
    @ApiResponse(responseCode = "409", description = "The database is PostgreSQL (use pg_dump), or another backup is being written.")
    @ApiResponse(responseCode = "507", description = "The backup directory's disk is full; no partial file is left.")
    BackupResponse backUp() {
        return service.backUp().map(BackupResponse::of).orElseThrow(BackupNotSupportedException::new);
    }
}
