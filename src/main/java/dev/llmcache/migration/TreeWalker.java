package dev.llmcache.migration;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Depth-first, lazy walk of each repository's cache directory by file descriptor ({@link SafeDirectory}):
 * each cache directory is opened from the source's anchor and every directory and file below relative to its
 * open parent without following links, so a directory swapped for a link after the source was checked is met
 * as a link. Links are reported as failures (their targets are never read); file contents are read here,
 * through the open directory, and handed on with the file. One open directory per level is held.
 */
final class TreeWalker implements Iterator<LegacyFile>, Closeable {

    /** Read no file: only name the candidates (to count them). */
    static final int NO_CONTENT = -1;

    private final LegacySource source;
    private final Iterator<LegacyRepo> repos;
    private final int readLimit;
    private final Deque<Level> levels = new ArrayDeque<>();
    private LegacyRepo repo;
    private LegacyFile next;

    /** An open directory; {@code typeDir} is null at the cache directory itself. */
    private record Level(SafeDirectory dir, Iterator<Path> names, String cacheType, Path typeDir) {
    }

    /** @param readLimit how many bytes of each file to read ({@link #NO_CONTENT} for none) */
    TreeWalker(LegacySource source, int readLimit) {
        this.source = source;
        this.repos = source.repos().iterator();
        this.readLimit = readLimit;
    }

    @Override
    public boolean hasNext() {
        if (next == null) {
            next = advance();
        }
        return next != null;
    }

    @Override
    public LegacyFile next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        LegacyFile found = next;
        next = null;
        return found;
    }

    private LegacyFile advance() {
        while (true) {
            Level level = levels.peek();
            if (level == null) {
                if (!repos.hasNext()) {
                    return null;
                }
                repo = repos.next();
                LegacyFile failure = openCacheDir(repo.cacheDir());
                if (failure != null) {
                    return failure;
                }
                continue;
            }
            String name;
            try {
                if (!level.names().hasNext()) {
                    closeTop();
                    continue;
                }
                name = level.names().next().toString();
            } catch (DirectoryIteratorException e) {
                closeTop();
                return unreadable(level.dir().path(), level.cacheType(), e.getCause());
            }
            LegacyFile found = visit(level, name);
            if (found != null) {
                return found;
            }
        }
    }

    /** Opens the cache directory from the anchor, each step without following a link. */
    private LegacyFile openCacheDir(Path cacheDir) {
        try {
            SafeDirectory dir = SafeDirectory.open(source.anchor(), source.anchor().relativize(cacheDir));
            levels.push(new Level(dir, dir.names(), null, null));
            return null;
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            return unreadable(failedPath(cacheDir, e), null, e);
        }
    }

    private LegacyFile visit(Level level, String name) {
        Path child = level.dir().path().resolve(name);
        BasicFileAttributes attributes;
        try {
            attributes = level.dir().attributes(name);
        } catch (NoSuchFileException e) {
            return null; // removed since the directory was listed: nothing to migrate
        } catch (IOException e) {
            return unreadable(child, level.cacheType(), e);
        }
        if (attributes.isSymbolicLink()) {
            return LegacyFile.unreadable(child, repo.repoPath(), level.cacheType(),
                    "cannot read " + name + ": " + IoErrors.SYMBOLIC_LINK);
        }
        if (attributes.isDirectory()) {
            boolean isTypeDir = level.typeDir() == null;
            return isTypeDir ? open(level, name, name, child) : open(level, name, level.cacheType(), level.typeDir());
        }
        if (attributes.isRegularFile() && name.endsWith(".json")) {
            return candidate(level, name, child, attributes);
        }
        return null; // other files and special files are not part of the cache
    }

    private LegacyFile candidate(Level level, String name, Path child, BasicFileAttributes attributes) {
        if (readLimit == NO_CONTENT) {
            return LegacyFile.candidate(child, repo.repoPath(), level.cacheType(), level.typeDir(), null, null);
        }
        try {
            byte[] content = level.dir().read(name, readLimit);
            return LegacyFile.candidate(child, repo.repoPath(), level.cacheType(), level.typeDir(), content,
                    attributes.lastModifiedTime().toInstant());
        } catch (IOException e) {
            return LegacyFile.unreadable(child, repo.repoPath(), level.cacheType(),
                    "cannot read the file: " + IoErrors.describe(e));
        }
    }

    private LegacyFile open(Level parent, String name, String cacheType, Path typeDir) {
        try {
            SafeDirectory dir = parent.dir().child(name);
            levels.push(new Level(dir, dir.names(), cacheType, typeDir));
            return null;
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            return unreadable(parent.dir().path().resolve(name), cacheType, e);
        }
    }

    /** The step named by the exception when it lies on the way to {@code target}, else the target. */
    private static Path failedPath(Path target, IOException e) {
        if (e instanceof java.nio.file.FileSystemException fse && fse.getFile() != null) {
            Path failed = Path.of(fse.getFile());
            if (target.startsWith(failed)) {
                return failed;
            }
        }
        return target;
    }

    private LegacyFile unreadable(Path path, String cacheType, IOException e) {
        return LegacyFile.unreadable(path, repo.repoPath(), cacheType, "cannot read " + path.getFileName()
                + ": " + IoErrors.describe(e));
    }

    private void closeTop() {
        levels.pop().dir().close();
    }

    @Override
    public void close() {
        while (!levels.isEmpty()) {
            closeTop();
        }
    }
}
