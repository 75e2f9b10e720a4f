package dev.llmcache.migration;

import java.nio.file.Path;

/**
 * One candidate found by {@link LegacyScanner}: a {@code *.json} file with the repo path and cache type
 * (the name of its type directory, unvalidated) it belongs to, or a directory that could not be read.
 *
 * @param path the file (or, with a {@code scanError}, the unreadable directory)
 * @param repoPath the repository the entry belongs to
 * @param cacheType the type directory's name, or null for a file lying directly in {@code cache/}
 * @param typeDir the type directory, or null like {@code cacheType}
 * @param scanError why the scanner could not go on here, or null for a normal candidate
 */
public record LegacyFile(Path path, String repoPath, String cacheType, Path typeDir, String scanError) {

    static LegacyFile candidate(Path path, String repoPath, String cacheType, Path typeDir) {
        return new LegacyFile(path, repoPath, cacheType, typeDir, null);
    }

    static LegacyFile unreadable(Path path, String repoPath, String cacheType, String reason) {
        return new LegacyFile(path, repoPath, cacheType, null, reason);
    }
}
