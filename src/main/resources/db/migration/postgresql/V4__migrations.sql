-- One row per migration from the legacy JSON cache, so that every replica (and a server started
-- after the offline command ran) answers GET /api/v1/migrations/{id}. The process running it
-- writes its progress every few seconds (heartbeat_at); a RUNNING row whose heartbeat has stopped
-- belongs to a process that died, and is reported as FAILED. Times are epoch milliseconds (UTC);
-- result is the contract's result object as JSON, written once at the end.
CREATE TABLE migrations (
    id           TEXT    NOT NULL PRIMARY KEY,
    namespace    TEXT    NOT NULL,
    status       TEXT    NOT NULL,
    source       TEXT    NOT NULL,
    layout       TEXT    NOT NULL,
    dry_run      BOOLEAN NOT NULL,
    backup       BOOLEAN NOT NULL,
    verify       BOOLEAN NOT NULL,
    total        BIGINT  NOT NULL DEFAULT 0,
    migrated     BIGINT  NOT NULL DEFAULT 0,
    failed       BIGINT  NOT NULL DEFAULT 0,
    skipped      BIGINT  NOT NULL DEFAULT 0,
    current_file TEXT,
    result       TEXT,
    error        TEXT,
    started_at   BIGINT  NOT NULL,
    heartbeat_at BIGINT  NOT NULL,
    finished_at  BIGINT
);
