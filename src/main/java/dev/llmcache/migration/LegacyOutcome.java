package dev.llmcache.migration;

/** What {@link LegacyEntryParser} made of one legacy file: an entry to store, or a failure to report. */
public sealed interface LegacyOutcome permits LegacyEntry, LegacyFailure {
}
