package dev.llmcache.entry;

import java.util.List;

/** One page of the newest-first listing, and where the next one starts (null on the last page). */
public record EntryPage(List<EntryMetadata> items, EntryCursor next) {
}
