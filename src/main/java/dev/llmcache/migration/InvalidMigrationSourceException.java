package dev.llmcache.migration;

/** The requested migration source cannot be used (absent, not a directory, not a legacy cache): a 400. */
public class InvalidMigrationSourceException extends RuntimeException {

    public InvalidMigrationSourceException(String message) {
        super(message);
    }
}
