package dev.llmcache.storage;

import java.nio.file.Path;

/**
 * The SQLite file failed {@code PRAGMA quick_check} at start-up: the server refuses to start on it,
 * with a message that names the file and the two ways back.
 */
public class DamagedDatabaseException extends IllegalStateException {

    private final transient Path file;

    DamagedDatabaseException(Path file, String problems) {
        super("The SQLite database " + file + " is damaged (PRAGMA quick_check: " + problems + "). " + howToRecover(file));
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /** The way back, for the message and for the start-up failure report. */
    public static String howToRecover(Path file) {
        Path recovered = file.resolveSibling("recovered.db");
        return "Stop here and either restore a backup (copy a file from cache.backup-dir over " + file
                + " and delete " + file.getFileName() + "-wal and " + file.getFileName() + "-shm), or recover what is readable: "
                + "sqlite3 " + file + " .recover | sqlite3 " + recovered + ", then move " + recovered + " to " + file + ".";
    }
}
