package dev.llmcache.migration;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Iterator;
import java.util.Set;

/**
 * An open directory of a migration source, walked by file descriptor: sub-directories, files and attributes
 * are opened relative to it ({@code openat}, {@code fstatat}) with {@code NOFOLLOW_LINKS}, so a directory
 * swapped for a symbolic link after the source was checked is met as a link, never followed, and a path is
 * never resolved again from the file system's root. Only the anchor, the first directory opened, is opened
 * by its path (links followed): the allowed root, or the source the offline command was given.
 */
final class SafeDirectory implements Closeable {

    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;
    private static final Set<OpenOption> READ_NOFOLLOW = Set.of(StandardOpenOption.READ, NOFOLLOW);

    private final Path path;
    private final SecureDirectoryStream<Path> stream;

    private SafeDirectory(Path path, SecureDirectoryStream<Path> stream) {
        this.path = path;
        this.stream = stream;
    }

    /**
     * Opens {@code anchor}, then each name of {@code relative} below it without following links.
     *
     * @throws IOException when a step cannot be opened: absent, not a directory, or a symbolic link
     */
    static SafeDirectory open(Path anchor, Path relative) throws IOException {
        DirectoryStream<Path> opened = Files.newDirectoryStream(anchor);
        if (!(opened instanceof SecureDirectoryStream<Path> secure)) {
            opened.close();
            throw new FileSystemException(anchor.toString(), null, "this platform cannot open directories relative "
                    + "to each other (no SecureDirectoryStream), which a migration needs to read a source safely");
        }
        SafeDirectory directory = new SafeDirectory(anchor, secure);
        return relative.toString().isEmpty() ? directory : directory.descend(relative);
    }

    /** The directory's path, for messages and for naming what lies in it; never opened again. */
    Path path() {
        return path;
    }

    /** Opens each name of {@code relative} in turn below this directory; this one is closed. */
    SafeDirectory descend(Path relative) throws IOException {
        SafeDirectory current = this;
        try {
            for (Path name : relative) {
                SafeDirectory next = current.child(name.toString());
                current.close();
                current = next;
            }
            return current;
        } catch (IOException | RuntimeException e) {
            current.close();
            throw e;
        }
    }

    /**
     * The sub-directory {@code name}, opened without following a link.
     *
     * @throws IOException when it is a symbolic link (see {@link IoErrors#describe}), absent or not a directory
     */
    SafeDirectory child(String name) throws IOException {
        Path relative = path.getFileSystem().getPath(name);
        if (attributes(name).isSymbolicLink()) {
            throw new FileSystemException(path.resolve(name).toString(), null, IoErrors.SYMBOLIC_LINK);
        }
        // NOFOLLOW_LINKS again at the open itself: a link swapped in since the line above fails here (ELOOP)
        DirectoryStream<Path> opened = stream.newDirectoryStream(relative, NOFOLLOW);
        return new SafeDirectory(path.resolve(name), (SecureDirectoryStream<Path>) opened);
    }

    /** The attributes of the entry {@code name} itself (a link's, not its target's). */
    BasicFileAttributes attributes(String name) throws IOException {
        return stream.getFileAttributeView(path.getFileSystem().getPath(name), BasicFileAttributeView.class, NOFOLLOW)
                .readAttributes();
    }

    /** The attributes of this open directory. */
    BasicFileAttributes attributes() throws IOException {
        return stream.getFileAttributeView(BasicFileAttributeView.class).readAttributes();
    }

    /** Opens the file {@code name} for reading without following a link. */
    SeekableByteChannel openFile(String name) throws IOException {
        return stream.newByteChannel(path.getFileSystem().getPath(name), READ_NOFOLLOW);
    }

    /** Up to {@code limit} bytes of the file {@code name}, opened without following a link. */
    byte[] read(String name, int limit) throws IOException {
        try (InputStream in = Channels.newInputStream(openFile(name))) {
            return in.readNBytes(limit);
        }
    }

    /** The names in this directory, each once; may be asked for once. */
    Iterator<Path> names() {
        Iterator<Path> entries = stream.iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return entries.hasNext();
            }

            @Override
            public Path next() {
                return entries.next().getFileName();
            }
        };
    }

    @Override
    public void close() {
        try {
            stream.close();
        } catch (IOException ignored) {
            // a directory handle that fails to close holds nothing we need
        }
    }
}
