package dev.llmcache.migration;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;

/**
 * Copies a migration source into a new, timestamped directory under a backup root before anything else
 * happens. The source is walked by file descriptor like the import ({@link SafeDirectory}): each directory
 * opened relative to its parent, each file's bytes read from the file opened relative to its directory,
 * links never followed; so what is copied is what lies below the source, never a path resolved again.
 * Nothing is written to the source; links and special files are left out (the import reports the links).
 */
public final class SourceBackup {

    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final int MAX_ATTEMPTS = 1000;

    private final Clock clock;

    public SourceBackup(Clock clock) {
        this.clock = clock;
    }

    /**
     * Copies the tree under the source to {@code <backupRoot>/legacy-cache-<UTC timestamp>[-n]}, keeping
     * relative paths and file times, and returns that directory. On an I/O error (a directory swapped for a link
     * during the copy is one) the partial copy stays where it is and the exception names it.
     *
     * @throws InvalidMigrationSourceException when the backup root lies inside the source
     */
    public Path backup(LegacySource source, Path backupRoot) throws IOException {
        checkTarget(source.root(), backupRoot);
        Path target = createTarget(backupRoot);
        try (SafeDirectory root = source.open()) {
            copyTree(root, target);
            setTimes(target, root.attributes());
        } catch (IOException e) {
            throw new IOException("backup of " + source.root() + " failed, partial copy left in " + target + ": "
                    + IoErrors.describe(e), e);
        } catch (DirectoryIteratorException e) {
            throw new IOException("backup of " + source.root() + " failed, partial copy left in " + target + ": "
                    + IoErrors.describe(e.getCause()), e.getCause());
        }
        return target;
    }

    /**
     * Refuses a backup root inside the (real) source, before a migration starts rather than when it gets
     * to the backup.
     *
     * @throws InvalidMigrationSourceException when the backup root lies inside the source
     */
    public static void checkTarget(Path realSource, Path backupRoot) {
        if (RealPaths.ofNearestExisting(backupRoot.toAbsolutePath()).startsWith(realSource)) {
            throw new InvalidMigrationSourceException("the backup directory " + backupRoot + " lies inside the "
                    + "source " + realSource + ", which must not be written to: set cache.backup-dir elsewhere");
        }
    }

    private Path createTarget(Path backupRoot) throws IOException {
        Files.createDirectories(backupRoot);
        String base = "legacy-cache-" + STAMP.format(clock.instant());
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Path candidate = backupRoot.resolve(attempt == 1 ? base : base + "-" + attempt);
            try {
                // createDirectory is atomic, so two backups in the same second cannot share a directory
                return Files.createDirectory(candidate);
            } catch (FileAlreadyExistsException e) {
                // taken: try the next suffix
            }
        }
        throw new IOException("no free backup directory name for " + base + " in " + backupRoot);
    }

    /** Copies what {@code from} holds into the existing {@code to}; a directory's times are set once it is filled. */
    private static void copyTree(SafeDirectory from, Path to) throws IOException {
        for (Iterator<Path> names = from.names(); names.hasNext(); ) {
            String name = names.next().toString();
            BasicFileAttributes attributes;
            try {
                attributes = from.attributes(name);
            } catch (NoSuchFileException e) {
                continue; // removed since the directory was listed
            }
            Path target = to.resolve(name);
            if (attributes.isDirectory()) {
                Files.createDirectory(target);
                try (SafeDirectory child = from.child(name)) {
                    copyTree(child, target);
                }
                setTimes(target, attributes);
            } else if (attributes.isRegularFile()) {
                try (InputStream in = Channels.newInputStream(from.openFile(name));
                        OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW,
                                StandardOpenOption.WRITE)) {
                    in.transferTo(out);
                }
                setTimes(target, attributes);
            }
            // links and special files are not part of the cache: not copied
        }
    }

    private static void setTimes(Path target, BasicFileAttributes attributes) throws IOException {
        Files.getFileAttributeView(target, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .setTimes(attributes.lastModifiedTime(), attributes.lastAccessTime(), attributes.creationTime());
    }
}
