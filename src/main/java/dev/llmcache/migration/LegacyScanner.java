package dev.llmcache.migration;

import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Streams the candidate files of a resolved legacy cache, lazily, by file descriptor and without following
 * links (see {@link TreeWalker}).
 */
public final class LegacyScanner {

    private LegacyScanner() {
    }

    /** As {@link #scan(LegacySource, long)} with the parser's default limit. */
    public static Stream<LegacyFile> scan(LegacySource source) {
        return scan(source, LegacyEntryParser.DEFAULT_MAX_FILE_BYTES);
    }

    /**
     * Every {@code *.json} regular file under each repository's cache directory (nested directories
     * included) with up to {@code maxFileBytes + 1} bytes of its content (one more than a parser with that
     * limit accepts, so that it can tell a file too large), plus one item per symbolic link and per
     * directory or file that could not be read. Close the stream (try-with-resources) to release the open
     * directory handles.
     */
    public static Stream<LegacyFile> scan(LegacySource source, long maxFileBytes) {
        return stream(new TreeWalker(source, (int) Math.min(maxFileBytes + 1, Integer.MAX_VALUE - 1L)));
    }

    /** The number of items {@link #scan} yields, found by walking the directories without opening a file. */
    public static long count(LegacySource source) {
        try (Stream<LegacyFile> files = stream(new TreeWalker(source, TreeWalker.NO_CONTENT))) {
            return files.count();
        }
    }

    private static Stream<LegacyFile> stream(TreeWalker walker) {
        return StreamSupport.stream(
                        Spliterators.spliteratorUnknownSize(walker, Spliterator.ORDERED | Spliterator.NONNULL), false)
                .onClose(walker::close);
    }
}
