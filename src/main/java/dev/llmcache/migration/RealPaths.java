package dev.llmcache.migration;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/** Real paths for paths that may not exist yet. */
final class RealPaths {

    private RealPaths() {
    }

    /**
     * The real path of the nearest existing ancestor of the absolute {@code path}, with the missing
     * remainder appended: where the path would land once created, links and {@code ..} resolved as the
     * kernel would.
     */
    static Path ofNearestExisting(Path path) {
        Deque<Path> missing = new ArrayDeque<>();
        for (Path existing = path; existing != null; existing = existing.getParent()) {
            try {
                Path real = existing.toRealPath();
                while (!missing.isEmpty()) {
                    real = real.resolve(missing.pop());
                }
                return real.normalize();
            } catch (IOException e) {
                if (existing.getFileName() == null) {
                    break;
                }
                missing.push(existing.getFileName());
            }
        }
        return path.normalize();
    }
}
