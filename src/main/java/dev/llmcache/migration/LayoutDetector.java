package dev.llmcache.migration;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Recognises the two legacy layouts; links are never followed, so detection reads only inside the source. */
final class LayoutDetector {

    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;
    private static final Pattern REPO_HASH = Pattern.compile("[0-9a-fA-F]{8}");
    private static final String LOCAL_DIR = ".rustassistant";
    private static final String CACHE_DIR = "cache";

    private LayoutDetector() {
    }

    static LegacySource resolve(Path source, LegacyLayout layout) {
        if (Files.isSymbolicLink(source)) {
            throw new LegacyLayoutException("source " + source + " is a symbolic link, which a migration does not "
                    + "follow: pass the directory it leads to");
        }
        if (!Files.isDirectory(source, NOFOLLOW)) {
            throw new LegacyLayoutException("source " + source + " is not a directory");
        }
        return switch (layout) {
            case CENTRALIZED -> centralized(source).orElseThrow(() -> new LegacyLayoutException(
                    "source " + source + " is not a CENTRALIZED legacy cache: it holds no repository directory "
                            + "named by an 8-hex hash with a meta.json or a cache/ directory in it"));
            case LOCAL -> local(source).orElseThrow(() -> new LegacyLayoutException(
                    "source " + source + " is not a LOCAL legacy cache: name a repository holding "
                            + ".rustassistant/cache/, its .rustassistant directory, or its .rustassistant/cache"));
            case AUTO -> auto(source);
        };
    }

    private static LegacySource auto(Path source) {
        Optional<LegacySource> local = local(source);
        Optional<LegacySource> centralized = centralized(source);
        if (local.isPresent() && centralized.isPresent()) {
            throw new LegacyLayoutException("source " + source + " looks like both a LOCAL and a CENTRALIZED "
                    + "legacy cache: say which with layout LOCAL or CENTRALIZED");
        }
        if (local.isPresent()) {
            Path nestedRepos = local.get().repos().get(0).cacheDir().resolve("repos");
            if (isDirectory(nestedRepos) && centralized(nestedRepos).isPresent()) {
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

    private static Optional<LegacySource> local(Path source) {
        Path name = source.getFileName();
        Path parent = source.getParent();
        // each step is checked on its own: NOFOLLOW_LINKS only guards a path's last component
        if (isDirectory(source.resolve(LOCAL_DIR)) && isDirectory(source.resolve(LOCAL_DIR).resolve(CACHE_DIR))) {
            return Optional.of(localSource(source, source, source.resolve(LOCAL_DIR).resolve(CACHE_DIR)));
        }
        if (name != null && name.toString().equals(LOCAL_DIR) && isDirectory(source.resolve(CACHE_DIR))
                && parent != null) {
            return Optional.of(localSource(source, parent, source.resolve(CACHE_DIR)));
        }
        if (name != null && name.toString().equals(CACHE_DIR) && parent != null && parent.getFileName() != null
                && parent.getFileName().toString().equals(LOCAL_DIR) && parent.getParent() != null) {
            return Optional.of(localSource(source, parent.getParent(), source));
        }
        return Optional.empty();
    }

    private static LegacySource localSource(Path source, Path repo, Path cacheDir) {
        return new LegacySource(source, LegacyLayout.LOCAL, List.of(new LegacyRepo(repo.toString(), cacheDir)));
    }

    /** Present when at least one hash-named directory has a meta.json or a cache directory. */
    private static Optional<LegacySource> centralized(Path source) {
        List<Path> hashDirs = new ArrayList<>();
        try (DirectoryStream<Path> children = Files.newDirectoryStream(source)) {
            for (Path child : children) {
                if (REPO_HASH.matcher(child.getFileName().toString()).matches() && isDirectory(child)) {
                    hashDirs.add(child);
                }
            }
        } catch (IOException e) {
            throw new InvalidMigrationSourceException("cannot list source " + source + ": " + IoErrors.describe(e));
        }
        hashDirs.sort(Comparator.comparing(Path::getFileName));
        boolean recognised = false;
        List<LegacyRepo> repos = new ArrayList<>();
        for (Path dir : hashDirs) {
            Path cacheDir = dir.resolve(CACHE_DIR);
            boolean hasCache = isDirectory(cacheDir);
            recognised |= hasCache || Files.isRegularFile(dir.resolve(RepoMeta.FILE_NAME), NOFOLLOW);
            if (hasCache) {
                repos.add(new LegacyRepo(RepoMeta.repoPath(dir), cacheDir));
            }
        }
        return recognised ? Optional.of(new LegacySource(source, LegacyLayout.CENTRALIZED, repos)) : Optional.empty();
    }

    private static boolean isDirectory(Path path) {
        return Files.isDirectory(path, NOFOLLOW);
    }
}
