package dev.llmcache.storage;

import java.nio.file.Path;

/**
 * A finished online backup: the file written, its size, and the entries read back from it.
 *
 * @param path the backup file
 * @param bytes its size on disk
 * @param entries the entries it holds, counted in the copy itself
 */
public record BackupCopy(Path path, long bytes, long entries) {
}
