package dev.llmcache.backup;

import java.nio.file.Path;
import java.time.Instant;

/**
 * A backup taken: its file, size and entries, and when it was asked for (every write acknowledged
 * before then is in it).
 */
public record Backup(Path path, long bytes, long entries, Instant createdAt) {
}
