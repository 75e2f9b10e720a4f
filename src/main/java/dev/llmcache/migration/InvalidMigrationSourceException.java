package dev.llmcache.migration;

import dev.llmcache.web.FieldError;
import dev.llmcache.web.InvalidRequestException;
import java.util.List;

/**
 * The requested migration source cannot be used (absent, not a directory, not a legacy cache): a
 * 400 on field {@code source}. The reason is a clause ("source /x does not exist"), as the offline
 * command prints it; the problem's detail is the same as a sentence.
 */
public class InvalidMigrationSourceException extends InvalidRequestException {

    private final String reason;

    public InvalidMigrationSourceException(String reason) {
        super(Sentences.of(reason), List.of(new FieldError("source", withoutFieldName(reason))));
        this.reason = reason;
    }

    /** The error's message under field {@code source} does not repeat the field's name ("must be ...", not "source must be ..."). */
    private static String withoutFieldName(String reason) {
        return reason.startsWith("source ") ? reason.substring("source ".length()) : reason;
    }

    /** The reason as a clause, as the offline command prints it. */
    @Override
    public String getMessage() {
        return reason;
    }
}
