package dev.llmcache.migration;

/** The requested migration source lies outside {@code cache.migration.allowed-roots}: a 403. */
public class MigrationSourceForbiddenException extends RuntimeException {

    public MigrationSourceForbiddenException(String message) {
        super(message);
    }
}
