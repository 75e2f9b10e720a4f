package dev.llmcache.migration;

import java.nio.file.Path;

/**
 * One repository found in a legacy cache: the repo path its entries are stored under and the
 * {@code cache} directory that holds its {@code <cacheType>/} directories.
 */
public record LegacyRepo(String repoPath, Path cacheDir) {
}
