package dev.llmcache.migration;

import dev.llmcache.web.ForbiddenException;

/**
 * The requested migration source lies outside {@code cache.migration.allowed-roots}: a 403. The
 * message is the reason as a clause; the problem's detail is the same as a sentence.
 */
public class MigrationSourceForbiddenException extends ForbiddenException {

    private final String reason;

    public MigrationSourceForbiddenException(String reason) {
        super(Sentences.of(reason));
        this.reason = reason;
    }

    @Override
    public String getMessage() {
        return reason;
    }
}
