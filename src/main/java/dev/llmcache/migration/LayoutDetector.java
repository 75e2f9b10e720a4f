package dev.llmcache.migration;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Recognises the two legacy layouts; links are never followed, so detection reads only inside the source. The
 * repositories are listed and their {@code meta.json} read through the source opened from its anchor
 * ({@link SafeDirectory}); the walk later opens each directory that way again, so what detection names is never
 * trusted as a path.
 */
final class LayoutDetector {

    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;
    private static final Pattern REPO_HASH = Pattern.compile("[0-9a-fA-F]{8}");
    private static final String LOCAL_DIR = ".rustassistant";
    private static final String CACHE_DIR = "cache";

    private LayoutDetector() {
    }

    static LegacySource resolve(Path anchor, Path source, LegacyLayout layout) {
        if (Files.isSymbolicLink(source)) {
            throw new LegacyLayoutException("source " + source + " is a symbolic link, which a migration does not "
                    + "follow: pass the directory it leads to");
        }
        if (!Files.isDirectory(source, NOFOLLOW)) {
            throw new LegacyLayoutException("source " + source + " is not a directory");
        }
        return switch (layout) {
            case CENTRALIZED -> centralized(anchor, source).orElseThrow(() -> new LegacyLayoutException(
                    "source " + source + " is not a CENTRALIZED legacy cache: it holds no repository directory "
                            + "named by an 8-hex hash with a meta.json or a cache/ directory in it"));
            case LOCAL -> local(anchor, source).orElseThrow(() -> new LegacyLayoutException(
                    "source " + source + " is not a LOCAL legacy cache: name a repository holding "
                            + ".rustassistant/cache/, its .rustassistant directory, or its .rustassistant/cache"));
            case AUTO -> auto(anchor, source);
        };
    }

    private static LegacySource auto(Path anchor, Path source) {
        Optional<LegacySource> local = local(anchor, source);
        Optional<LegacySource> centralized = centralized(anchor, source);
        if (local.isPresent() && centralized.isPresent()) {
            throw new LegacyLayoutException("source " + source + " looks like both a LOCAL and a CENTRALIZED "
                    + "legacy cache: say which with layout LOCAL or CENTRALIZED");
        }
        if (local.isPresent()) {
            Path nestedRepos = local.get().repos().get(0).cacheDir().resolve("repos");
            if (isDirectory(nestedRepos) && centralized(anchor, nestedRepos).isPresent()) {
                throw new LegacyLayoutException("source " + source + " holds the Rust tool's centralized cache in "
                        + nestedRepos + ": pass that directory as source to migrate it, or layout LOCAL to "
                        + "read " + local.get().repos().get(0).cacheDir() + " as one repository's cache");
            }
            return local.get();
        }
        return centralized.orElseThrow(() -> new LegacyLayoutException("no legacy cache found in " + source
                + ": expected either <8-hex hash>/cache/<cacheType>/ directories (CENTRALIZED, such as "
                + "~/.rustassistant/cache/repos) or a repository with .rustassistant/cache/<cacheType>/ (LOCAL)"));
    }

    private static Optional<LegacySource> local(Path anchor, Path source) {
        Path name = source.getFileName();
        Path parent = source.getParent();
        // each step is checked on its own: NOFOLLOW_LINKS only guards a path's last component
        if (isDirectory(source.resolve(LOCAL_DIR)) && isDirectory(source.resolve(LOCAL_DIR).resolve(CACHE_DIR))) {
            return Optional.of(localSource(anchor, source, source, source.resolve(LOCAL_DIR).resolve(CACHE_DIR)));
        }
        if (name != null && name.toString().equals(LOCAL_DIR) && isDirectory(source.resolve(CACHE_DIR))
                && parent != null) {
            return Optional.of(localSource(anchor, source, parent, source.resolve(CACHE_DIR)));
        }
        if (name != null && name.toString().equals(CACHE_DIR) && parent != null && parent.getFileName() != null
                && parent.getFileName().toString().equals(LOCAL_DIR) && parent.getParent() != null) {
            return Optional.of(localSource(anchor, source, parent.getParent(), source));
        }
        return Optional.empty();
    }

    private static LegacySource localSource(Path anchor, Path source, Path repo, Path cacheDir) {
        return new LegacySource(anchor, source, LegacyLayout.LOCAL, List.of(new LegacyRepo(repo.toString(), cacheDir)));
    }

    /** Present when at least one hash-named directory has a meta.json or a cache directory. */
    private static Optional<LegacySource> centralized(Path anchor, Path source) {
        List<String> hashDirs = new ArrayList<>();
        boolean recognised = false;
        List<LegacyRepo> repos = new ArrayList<>();
        try (SafeDirectory dir = SafeDirectory.open(anchor, anchor.relativize(source))) {
            for (Iterator<Path> names = dir.names(); names.hasNext(); ) {
                String name = names.next().toString();
                if (REPO_HASH.matcher(name).matches() && dir.attributes(name).isDirectory()) {
                    hashDirs.add(name);
                }
            }
            hashDirs.sort(Comparator.naturalOrder());
            for (String name : hashDirs) {
                try (SafeDirectory repoDir = dir.child(name)) {
                    boolean hasCache = isDirectory(repoDir, CACHE_DIR);
                    recognised |= hasCache || isRegularFile(repoDir, RepoMeta.FILE_NAME);
                    if (hasCache) {
                        repos.add(new LegacyRepo(RepoMeta.repoPath(repoDir), source.resolve(name).resolve(CACHE_DIR)));
                    }
                } catch (IOException e) {
                    // gone or swapped for a link since it was listed: the walk reports nothing of it either
                }
            }
        } catch (IOException | DirectoryIteratorException e) {
            IOException cause = e instanceof DirectoryIteratorException d ? d.getCause() : (IOException) e;
            throw new InvalidMigrationSourceException("cannot list source " + source + ": " + IoErrors.describe(cause));
        }
        return recognised ? Optional.of(new LegacySource(anchor, source, LegacyLayout.CENTRALIZED, repos))
                : Optional.empty();
    }

    private static boolean isDirectory(SafeDirectory dir, String name) {
        try {
            return dir.attributes(name).isDirectory();
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean isRegularFile(SafeDirectory dir, String name) {
        try {
            return dir.attributes(name).isRegularFile();
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean isDirectory(Path path) {
        return Files.isDirectory(path, NOFOLLOW);
    }
}
