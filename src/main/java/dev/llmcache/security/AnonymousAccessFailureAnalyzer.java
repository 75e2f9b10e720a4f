package dev.llmcache.security;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a start refused for anonymous access off loopback into Spring Boot's short "APPLICATION
 * FAILED TO START" report (what is wrong, and the action), instead of stack traces through bean
 * creation.
 */
class AnonymousAccessFailureAnalyzer extends AbstractFailureAnalyzer<AnonymousAccessRefusedException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, AnonymousAccessRefusedException cause) {
        return new FailureAnalysis(cause.description(), AnonymousAccessRefusedException.ACTION, cause);
    }
}
