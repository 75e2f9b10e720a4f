package dev.llmcache.migration;

import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** Streams the candidate files of a resolved legacy cache, lazily and without following links. */
public final class LegacyScanner {

    private LegacyScanner() {
    }

    /**
     * Every {@code *.json} regular file under each repository's cache directory (nested directories
     * included), plus one item per directory that could not be read. Close the stream (try-with-resources)
     * to release the open directory handles.
     */
    public static Stream<LegacyFile> scan(LegacySource source) {
        TreeWalker walker = new TreeWalker(source.repos());
        return StreamSupport.stream(
                        Spliterators.spliteratorUnknownSize(walker, Spliterator.ORDERED | Spliterator.NONNULL), false)
                .onClose(walker::close);
    }

    /** The number of items {@link #scan} yields, found by walking the directories without opening a file. */
    public static long count(LegacySource source) {
        try (Stream<LegacyFile> files = scan(source)) {
            return files.count();
        }
    }
}
