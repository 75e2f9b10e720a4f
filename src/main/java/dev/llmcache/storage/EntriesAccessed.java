package dev.llmcache.storage;

/**
 * Published by a flush of access counts, in its transaction: rows of {@code entries} got new access counts and times,
 * nothing else. This server adds them to its own copies of the entries ({@code entry.HotEntries}, called by the
 * flush); on PostgreSQL {@link PostgresChangeNotifier} tells the other replicas, whose copies lack those counts, and
 * they read them ({@link EntriesAccessedElsewhere}).
 */
public record EntriesAccessed() {
}
