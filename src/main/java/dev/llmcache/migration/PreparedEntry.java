package dev.llmcache.migration;

import dev.llmcache.entry.NewEntry;
import tools.jackson.databind.JsonNode;

/** One legacy file after the worker pool is done with it: an entry ready to store, or a failure. */
sealed interface PreparedEntry {

    /** The legacy file it came from. */
    String sourceFile();

    /**
     * A parsed, keyed and compressed entry.
     *
     * @param sourceBytes the legacy file's size
     * @param sourceResult the file's result, kept only when the migration verifies (else null)
     */
    record Ready(NewEntry entry, String sourceFile, long sourceBytes, JsonNode sourceResult) implements PreparedEntry {
    }

    /** A file that cannot be migrated. */
    record Rejected(LegacyFailure failure) implements PreparedEntry {

        @Override
        public String sourceFile() {
            return failure.filePath();
        }
    }
}
