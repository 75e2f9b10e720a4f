package dev.llmcache.migration;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Copies a migration source into a new, timestamped directory under a backup root before anything else
 * happens. Nothing is written to the source; links are copied as links, never followed.
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
     * Copies the tree under {@code source} to {@code <backupRoot>/legacy-cache-<UTC timestamp>[-n]},
     * keeping relative paths and file times, and returns that directory. Special files (pipes, devices)
     * are left out. On an I/O error the partial copy stays where it is and the exception names it.
     *
     * @throws InvalidMigrationSourceException when the backup root lies inside the source
     */
    public Path backup(Path source, Path backupRoot) throws IOException {
        Path realSource = source.toRealPath();
        checkTarget(realSource, backupRoot);
        Path target = createTarget(backupRoot);
        try {
            Files.walkFileTree(realSource, new Copier(realSource, target));
        } catch (IOException e) {
            throw new IOException("backup of " + source + " failed, partial copy left in " + target + ": "
                    + IoErrors.describe(e), e);
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

    /** Copies files and links as met; directory times are set last, once their contents stop changing them. */
    private static final class Copier extends SimpleFileVisitor<Path> {

        private final Path from;
        private final Path to;

        Copier(Path from, Path to) {
            this.from = from;
            this.to = to;
        }

        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
            if (!dir.equals(from)) {
                Files.createDirectory(targetOf(dir));
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
            if (attrs.isRegularFile() || attrs.isSymbolicLink()) {
                Files.copy(file, targetOf(file), LinkOption.NOFOLLOW_LINKS, StandardCopyOption.COPY_ATTRIBUTES);
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
            if (failure != null) {
                throw failure;
            }
            BasicFileAttributes attrs = Files.readAttributes(dir, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            Files.getFileAttributeView(targetOf(dir), BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .setTimes(attrs.lastModifiedTime(), attrs.lastAccessTime(), attrs.creationTime());
            return FileVisitResult.CONTINUE;
        }

        private Path targetOf(Path path) {
            return to.resolve(from.relativize(path).toString());
        }
    }
}
