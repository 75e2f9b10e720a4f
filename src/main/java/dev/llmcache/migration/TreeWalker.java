package dev.llmcache.migration;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Depth-first, lazy walk of each repository's cache directory. Only one open directory stream per
 * level is held, so memory does not grow with the number of files; links are never followed.
 */
final class TreeWalker implements Iterator<LegacyFile>, Closeable {

    private final Iterator<LegacyRepo> repos;
    private final Deque<Level> levels = new ArrayDeque<>();
    private LegacyRepo repo;
    private LegacyFile next;

    /** An open directory; {@code typeDir} is null at the cache directory itself. */
    private record Level(Path dir, DirectoryStream<Path> stream, Iterator<Path> children, String cacheType,
                         Path typeDir) {
    }

    TreeWalker(Iterable<LegacyRepo> repos) {
        this.repos = repos.iterator();
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
                LegacyFile failure = open(repo.cacheDir(), null, null);
                if (failure != null) {
                    return failure;
                }
                continue;
            }
            Path child;
            try {
                if (!level.children().hasNext()) {
                    closeTop();
                    continue;
                }
                child = level.children().next();
            } catch (DirectoryIteratorException e) {
                closeTop();
                return unreadable(level.dir(), level.cacheType(), e.getCause());
            }
            LegacyFile found = visit(level, child);
            if (found != null) {
                return found;
            }
        }
    }

    private LegacyFile visit(Level level, Path child) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null; // removed since the directory was listed: nothing to migrate
        } catch (IOException e) {
            return unreadable(child, level.cacheType(), e);
        }
        if (attributes.isDirectory()) {
            boolean isTypeDir = level.typeDir() == null;
            return isTypeDir
                    ? open(child, child.getFileName().toString(), child)
                    : open(child, level.cacheType(), level.typeDir());
        }
        if (attributes.isRegularFile() && child.getFileName().toString().endsWith(".json")) {
            return LegacyFile.candidate(child, repo.repoPath(), level.cacheType(), level.typeDir());
        }
        return null; // links, other files and special files are not part of the cache
    }

    private LegacyFile open(Path dir, String cacheType, Path typeDir) {
        try {
            DirectoryStream<Path> stream = Files.newDirectoryStream(dir);
            levels.push(new Level(dir, stream, stream.iterator(), cacheType, typeDir));
            return null;
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            return unreadable(dir, cacheType, e);
        }
    }

    private LegacyFile unreadable(Path path, String cacheType, IOException e) {
        return LegacyFile.unreadable(path, repo.repoPath(), cacheType, "cannot read " + path.getFileName()
                + ": " + IoErrors.describe(e));
    }

    private void closeTop() {
        closeQuietly(levels.pop().stream());
    }

    @Override
    public void close() {
        while (!levels.isEmpty()) {
            closeTop();
        }
    }

    private static void closeQuietly(DirectoryStream<Path> stream) {
        try {
            stream.close();
        } catch (IOException ignored) {
            // a directory handle that fails to close holds nothing we need
        }
    }
}
