package dev.llmcache.migration;

import java.nio.file.Path;
import java.time.Instant;

/**
 * One candidate found by {@link LegacyScanner}: a {@code *.json} file with the repo path and cache type
 * (the name of its type directory, unvalidated) it belongs to and, when the scan reads contents, the bytes
 * it read through the directory it opened (never by the path again); or what could not be read.
 *
 * @param path the file (or, with a {@code scanError}, what could not be read)
 * @param repoPath the repository the entry belongs to
 * @param cacheType the type directory's name, or null for a file lying directly in {@code cache/}
 * @param typeDir the type directory, or null like {@code cacheType}
 * @param scanError why the scanner could not read it (a link, an unreadable directory or file), or null
 * @param content the file's bytes, up to the scan's limit plus one; null when the scan only counts or failed
 * @param modifiedAt the file's modification time as the scan saw it, or null like {@code content}
 */
public record LegacyFile(Path path, String repoPath, String cacheType, Path typeDir, String scanError, byte[] content,
        Instant modifiedAt) {

    static LegacyFile candidate(Path path, String repoPath, String cacheType, Path typeDir, byte[] content,
            Instant modifiedAt) {
        return new LegacyFile(path, repoPath, cacheType, typeDir, null, content, modifiedAt);
    }

    static LegacyFile unreadable(Path path, String repoPath, String cacheType, String reason) {
        return new LegacyFile(path, repoPath, cacheType, null, reason, null, null);
    }
}
