package dev.llmcache.migration;

/** The source directory is not a legacy cache in the requested layout (or, for AUTO, in any layout). */
public class LegacyLayoutException extends InvalidMigrationSourceException {

    public LegacyLayoutException(String message) {
        super(message);
    }
}
