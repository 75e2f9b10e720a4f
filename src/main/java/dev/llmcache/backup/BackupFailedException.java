package dev.llmcache.backup;

import dev.llmcache.web.ProblemException;
import dev.llmcache.web.ProblemTypes;
import java.nio.file.Path;
import org.springframework.http.HttpStatus;

/** The backup's directory could not take the copy (full, read-only, not writable): a 507 naming it; nothing is left there. */
public class BackupFailedException extends ProblemException {

    BackupFailedException(Path directory, String cause) {
        super(HttpStatus.INSUFFICIENT_STORAGE, ProblemTypes.INSUFFICIENT_STORAGE,
                "The backup could not be written to " + directory + " (" + cause + "); no partial copy was left. Free space "
                        + "there, or set cache.backup-dir to a directory with room for a copy of the database, then retry.");
    }
}
