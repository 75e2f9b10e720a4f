package dev.llmcache.migration;

/** A legacy file's content breaks a rule; the message becomes the failure's reason. */
final class InvalidEntryException extends RuntimeException {

    InvalidEntryException(String message) {
        // thrown once per bad file, caught right away: a stack trace would only cost time
        super(message, null, false, false);
    }
}
