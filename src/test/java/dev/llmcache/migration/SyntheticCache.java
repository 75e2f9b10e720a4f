package dev.llmcache.migration;

import dev.llmcache.entry.KeyFactors;
import dev.llmcache.support.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a LOCAL legacy cache of {@code n} small, valid entries for tests that need more than the
 * fixtures: entry {@code i} analyses the content {@code "content i"} with grok-beta, cost 1000 tokens.
 */
final class SyntheticCache {

    private SyntheticCache() {
    }

    /** Writes {@code <dir>/repo/.rustassistant/cache/refactor/[d<i % 10>/]f<i>.json} and answers the repo. */
    static Path write(Path dir, int n) {
        Path repo = dir.resolve("repo");
        try {
            for (int i = 0; i < n; i++) {
                Path typeDir = repo.resolve(".rustassistant/cache/refactor").resolve("d" + i % 10);
                Files.createDirectories(typeDir);
                Files.writeString(typeDir.resolve("f" + i + ".json"), entry(i));
            }
            return repo;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes entries {@code from} to {@code to - 1} straight into {@code typeDir} (a refactor directory). */
    static void writeEntries(Path typeDir, int from, int to) {
        try {
            Files.createDirectories(typeDir);
            for (int i = from; i < to; i++) {
                Files.writeString(typeDir.resolve("f" + i + ".json"), entry(i));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String entry(int i) {
        return """
                {"file_path": "src/f%d.rs", "file_hash": "%s", "analyzed_at": "2026-02-01T00:00:00Z",
                 "provider": "xai", "model": "grok-beta", "result": {"i": %d, "smells": ["long function %d"]},
                 "tokens_used": 1000, "file_size": 100, "cache_type": "refactor"}
                """.formatted(i, fileHash(i), i, i);
    }

    static String fileHash(int i) {
        return Sha256.hex("content " + i);
    }

    static String cacheKey(int i) {
        return new KeyFactors("refactor", "grok-beta", fileHash(i), "", 1).cacheKey();
    }
}
