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
        super(Sentences.of(reason), List.of(new FieldError("source", reason)));
        this.reason = reason;
    }

    /** The reason as a clause, as the offline command prints it. */
    @Override
    public String getMessage() {
        return reason;
    }
}
