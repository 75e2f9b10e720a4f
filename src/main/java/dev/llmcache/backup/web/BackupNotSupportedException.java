package dev.llmcache.backup.web;

import dev.llmcache.web.ProblemException;
import java.net.URI;
import org.springframework.http.HttpStatus;

/** On PostgreSQL the server writes no backups: a 409 that points to {@code pg_dump}. */
class BackupNotSupportedException extends ProblemException {

    static final URI TYPE = URI.create("/problems/backup-not-supported");

    BackupNotSupportedException() {
        super(HttpStatus.CONFLICT, TYPE, "This server stores its data in PostgreSQL, which it does not copy itself: "
                + "back it up with pg_dump (for example pg_dump --format=custom --file=llm-cache.dump <database>) "
                + "and restore with pg_restore, or use the PostgreSQL server's own base backups.");
    }
}
