package dev.llmcache.storage;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a start refused on a damaged SQLite file into Spring Boot's short "APPLICATION FAILED TO
 * START" report (what is wrong, and the action), instead of a stack trace through bean creation.
 */
class DamagedDatabaseFailureAnalyzer extends AbstractFailureAnalyzer<DamagedDatabaseException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, DamagedDatabaseException cause) {
        String description = cause.getMessage();
        int action = description.indexOf(" Stop here");
        return new FailureAnalysis(action > 0 ? description.substring(0, action) : description,
                DamagedDatabaseException.howToRecover(cause.file()), cause);
    }
}
