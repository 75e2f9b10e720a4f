package dev.llmcache.migration;

/**
 * Where a migration stands. SUCCEEDED means it went through every file (some may have failed: see
 * the result); FAILED means it stopped before the end (database error, failed backup, interrupted).
 */
public enum MigrationStatus {
    RUNNING, SUCCEEDED, FAILED
}
