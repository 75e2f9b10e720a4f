package dev.llmcache.migration;

import java.nio.file.Path;
import java.util.List;

/**
 * A legacy cache directory resolved to a concrete layout (never AUTO) and the repositories in it;
 * the list holds directories only, the entries are streamed later by {@link LegacyScanner}.
 *
 * @param anchor the directory a walk of the source opens by its path (following links): the allowed root that
 *     holds the source, or the source itself for the offline command; everything below it is opened relative to
 *     it without following links (see {@link SafeDirectory})
 * @param root the source directory, at or below {@code anchor}
 */
public record LegacySource(Path anchor, Path root, LegacyLayout layout, List<LegacyRepo> repos) {

    public LegacySource {
        repos = List.copyOf(repos);
        if (!root.startsWith(anchor)) {
            throw new IllegalArgumentException(root + " does not lie below " + anchor);
        }
    }

    /**
     * Resolves {@code source} (an existing directory) in the requested layout, with the source as its own
     * anchor: for the offline command, whose user names a directory they may read anyway.
     *
     * @throws LegacyLayoutException when the directory is not a legacy cache in that layout
     */
    public static LegacySource resolve(Path source, LegacyLayout layout) {
        return LayoutDetector.resolve(source, source, layout);
    }

    /**
     * Resolves {@code source}, the real path returned by {@link AllowedRoots#check}, below {@code anchor}, the
     * allowed root that holds it ({@link AllowedRoots#anchorOf}).
     *
     * @throws LegacyLayoutException when the directory is not a legacy cache in that layout
     */
    public static LegacySource resolve(Path anchor, Path source, LegacyLayout layout) {
        return LayoutDetector.resolve(anchor, source, layout);
    }

    /** Opens the source directory from its anchor, each step below the anchor without following links. */
    SafeDirectory open() throws java.io.IOException {
        return SafeDirectory.open(anchor, anchor.relativize(root));
    }
}
