package dev.llmcache.migration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Legacy files as a scan would hand them to the parser, read here by path (tests of the parser only). */
final class LegacyFiles {

    private LegacyFiles() {
    }

    static LegacyFile read(Path file, String repoPath, String cacheType, Path typeDir) {
        try {
            return LegacyFile.candidate(file, repoPath, cacheType, typeDir, Files.readAllBytes(file),
                    Files.getLastModifiedTime(file).toInstant());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
