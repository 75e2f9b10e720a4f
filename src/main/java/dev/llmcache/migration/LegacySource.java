package dev.llmcache.migration;

import java.nio.file.Path;
import java.util.List;

/**
 * A legacy cache directory resolved to a concrete layout (never AUTO) and the repositories in it;
 * the list holds directories only, the entries are streamed later by {@link LegacyScanner}.
 */
public record LegacySource(Path root, LegacyLayout layout, List<LegacyRepo> repos) {

    public LegacySource {
        repos = List.copyOf(repos);
    }

    /**
     * Resolves {@code source} (an existing directory, ideally the real path returned by
     * {@link AllowedRoots#check}) in the requested layout.
     *
     * @throws LegacyLayoutException when the directory is not a legacy cache in that layout
     */
    public static LegacySource resolve(Path source, LegacyLayout layout) {
        return LayoutDetector.resolve(source, layout);
    }
}
