package dev.llmcache.migration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * The directories migrations may read ({@code cache.migration.allowed-roots}); a source is checked on
 * its real path, so neither {@code ..} nor a symbolic link can lead outside them.
 */
public final class AllowedRoots {

    private final List<Path> roots;

    /** Relative roots are taken from the working directory; roots need not exist yet. */
    public AllowedRoots(List<Path> roots) {
        this.roots = roots.stream().map(root -> root.toAbsolutePath().normalize()).toList();
    }

    /** The contract's default: the user's {@code ~/.rustassistant}. */
    public static AllowedRoots userDefault() {
        return new AllowedRoots(List.of(Path.of(System.getProperty("user.home"), ".rustassistant")));
    }

    public List<Path> roots() {
        return roots;
    }

    /**
     * The real path of {@code source} when it is an existing directory inside a root.
     *
     * @throws MigrationSourceForbiddenException when it lies outside every root (checked first, so the
     *     answer tells nothing about what exists outside them)
     * @throws InvalidMigrationSourceException when it is empty, relative, absent, unreadable or not a
     *     directory
     */
    public Path check(String source) {
        Path requested = parse(source);
        Path real;
        try {
            real = requested.toRealPath();
        } catch (IOException e) {
            requireInside(RealPaths.ofNearestExisting(requested), source);
            throw new InvalidMigrationSourceException(e instanceof NoSuchFileException
                    ? "source " + source + " does not exist"
                    : "cannot read source " + source + ": " + IoErrors.describe(e));
        }
        requireInside(real, source);
        if (!Files.isDirectory(real)) {
            throw new InvalidMigrationSourceException("source " + source + " is not a directory");
        }
        return real;
    }

    /**
     * The real path of the root that holds {@code real} (a path returned by {@link #check}): where a walk of the
     * source starts by path before it opens everything below without following links.
     */
    public Path anchorOf(Path real) {
        for (Path root : roots) {
            Path realRoot = RealPaths.ofNearestExisting(root);
            if (real.startsWith(realRoot)) {
                return realRoot;
            }
        }
        throw new IllegalArgumentException(real + " lies in no allowed root");
    }

    private static Path parse(String source) {
        if (source == null || source.isBlank()) {
            throw new InvalidMigrationSourceException("source must name a directory");
        }
        Path path;
        try {
            path = Path.of(source);
        } catch (InvalidPathException e) {
            throw new InvalidMigrationSourceException("source " + source + " is not a valid path: " + e.getReason());
        }
        if (!path.isAbsolute()) {
            throw new InvalidMigrationSourceException("source must be an absolute path, was " + source);
        }
        return path;
    }

    private void requireInside(Path path, String source) {
        for (Path root : roots) {
            if (path.startsWith(RealPaths.ofNearestExisting(root))) {
                return;
            }
        }
        throw new MigrationSourceForbiddenException("source " + source + " is outside the directories "
                + "migrations may read (cache.migration.allowed-roots: " + roots + ")");
    }
}
