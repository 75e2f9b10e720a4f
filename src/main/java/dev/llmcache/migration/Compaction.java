package dev.llmcache.migration;

import java.util.function.BooleanSupplier;

/**
 * Whether an offline migration rewrites the database tightly packed once its import is done
 * ({@code migrate --compact}, {@code --no-compact}, or neither). A bulk import leaves partly empty
 * pages behind (keys arrive in random order; re-compression replaces the first frames of each kind),
 * and only a rewrite gives them back; the rewrite makes every other client of the database wait, and
 * copies the entries that were there before, so by default it is done for a first import only.
 */
public enum Compaction {

    /** Compact when the database held no entries when the migration started: a new team's first import. */
    FIRST_IMPORT,

    /** Compact after the import whatever the database held ({@code --compact}). */
    ALWAYS,

    /** Never compact ({@code --no-compact}; migrations started through the API). */
    NEVER;

    /** Whether to compact, asking whether the database held entries when the migration started only if it matters. */
    boolean applies(BooleanSupplier heldEntries) {
        return switch (this) {
            case ALWAYS -> true;
            case NEVER -> false;
            case FIRST_IMPORT -> !heldEntries.getAsBoolean();
        };
    }
}
