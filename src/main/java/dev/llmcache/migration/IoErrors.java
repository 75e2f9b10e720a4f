package dev.llmcache.migration;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;

/** Turns I/O exceptions into short reasons a person can act on, without the path repeated. */
final class IoErrors {

    /** Why a link met in a source is not read. */
    static final String SYMBOLIC_LINK = "it is a symbolic link, which a migration does not follow";

    private IoErrors() {
    }

    static String describe(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "it no longer exists";
        }
        if (e instanceof NotDirectoryException) {
            return "it is not a directory";
        }
        String message = e instanceof FileSystemException fse && fse.getReason() != null ? fse.getReason()
                : e.getMessage();
        // ELOOP: opened with NOFOLLOW_LINKS, the last name was a link (swapped in since it was listed)
        if (message != null && message.toLowerCase(Locale.ROOT).contains("symbolic link")) {
            return SYMBOLIC_LINK;
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
