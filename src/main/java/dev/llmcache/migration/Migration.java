package dev.llmcache.migration;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** A migration from the legacy JSON cache as the API shows it: the contract's object, plus when and why. */
@Schema(name = "Migration", description = "A migration from the legacy JSON cache: what it reads, how far it has got and, "
        + "once it has ended, its result.")
public record Migration(
        @Schema(description = "Opaque, URL-safe id.", example = "5b0f7c1e-8d2a-4c3b-9e57-2f1d0a6b4c88") String id,
        @Schema(description = "The namespace the entries are imported into (the request's X-Cache-Namespace).",
                example = "default") String namespace,
        @Schema(description = "RUNNING, then SUCCEEDED when every file was handled (some may have failed: see "
                + "result.failures) or FAILED when it stopped before the end (see error).", example = "RUNNING")
        MigrationStatus status,
        @Schema(description = "The source directory, as its real path.", example = "/home/ana/.rustassistant/cache/repos")
        String source,
        @Schema(description = "The layout the source was read in: AUTO is resolved before the migration starts.",
                example = "CENTRALIZED") LegacyLayout layout,
        @Schema(description = "True when nothing is stored: the result says what would have been.", example = "false")
        boolean dryRun,
        @Schema(description = "True when the source is copied under cache.backup-dir first.", example = "false")
        boolean backup,
        @Schema(description = "True when every imported entry is read back and compared with its source file.",
                example = "false") boolean verify,
        @Schema(description = "When it started.", example = "2026-11-21T08:15:00Z") Instant startedAt,
        @Schema(description = "When it ended; null while it runs.", nullable = true, example = "2026-11-21T08:15:42Z")
        Instant finishedAt,
        @Schema(description = "Why a FAILED migration stopped; null otherwise. Running it again resumes: what was "
                + "imported is skipped.", nullable = true, example = "null") String error,
        MigrationProgress progress,
        @Schema(description = "Null while it runs; once it has ended, what it did (for a FAILED migration, what was "
                + "done before it stopped).") MigrationResult result,
        @Schema(description = "The name of the token that started it; null when anonymous or run offline.",
                nullable = true, example = "ops") String startedBy) {

    /** A migration that has just started: RUNNING, nothing done yet. */
    static Migration started(String id, String namespace, LegacySource source, boolean dryRun, boolean backup,
            boolean verify, Instant startedAt, String startedBy) {
        return new Migration(id, namespace, MigrationStatus.RUNNING, source.root().toString(), source.layout(), dryRun,
                backup, verify, startedAt, null, null, new MigrationProgress(0, 0, 0, 0, null), null, startedBy);
    }

    /** The same migration, still running, at a new point of progress. */
    Migration withProgress(MigrationProgress next) {
        return new Migration(id, namespace, status, source, layout, dryRun, backup, verify, startedAt, null, null,
                next, null, startedBy);
    }

    /** The same migration, ended with a status, (for FAILED) an error, its last progress and its result. */
    Migration ended(MigrationStatus end, Instant at, String why, MigrationProgress last, MigrationResult outcome) {
        return new Migration(id, namespace, end, source, layout, dryRun, backup, verify, startedAt, at, why, last,
                outcome, startedBy);
    }

    /** The same migration with its failures' reasons stripped of file content: see {@link LegacyFailure#withoutDetails()}. */
    public Migration withoutFailureDetails() {
        if (result == null) {
            return this;
        }
        MigrationResult shown = new MigrationResult(result.totalEntries(), result.totalMigrated(), result.totalFailed(),
                result.totalSkipped(), result.sourceSize(), result.destinationSize(), result.spaceSaved(),
                result.spaceSavedPercent(), result.backupPath(), result.verified(),
                result.failures().stream().map(LegacyFailure::withoutDetails).toList());
        return new Migration(id, namespace, status, source, layout, dryRun, backup, verify, startedAt, finishedAt, error,
                progress, shown, startedBy);
    }
}
