package dev.llmcache.compression;

import com.github.luben.zstd.Zstd;
import dev.llmcache.config.CacheProperties;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * zstd frames of results, with or without a dictionary. A new result is compressed with its kind's
 * current dictionary when it has one (its id goes into the frame's header), else alone. A frame is
 * read with the dictionary its header names, or none when it names none, so every frame ever written
 * stays readable whatever is current. Both directions record and check the content size.
 *
 * <p>Two levels: a store compresses at {@code cache.compression.level} (fast, it is on the request's path);
 * work done in bulk off the request path (a migration's imports, the dictionaries' re-compression) at
 * {@code cache.compression.bulk-level}, which makes frames of small results with a dictionary about 15 %
 * smaller for twenty times the CPU (docs/storage.md). Reading costs the same whatever the level.
 */
@Component
public class Frames implements DisposableBean {

    /** Kept for reuse: every core compressing at once, twice over; more at once make and free their own. */
    private static final int CONTEXTS = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());

    private final Dictionaries dictionaries;
    private final DictionaryProperties properties;
    private final int level;
    private final int bulkLevel;
    private final CompressionContexts contexts = new CompressionContexts(CONTEXTS);
    /** Readers given back, each with its decompression contexts (and the dictionaries they hold). */
    private final BlockingQueue<Reader> idleReaders = new ArrayBlockingQueue<>(CONTEXTS);

    Frames(Dictionaries dictionaries, DictionaryProperties properties, CacheProperties cache) {
        this.dictionaries = dictionaries;
        this.properties = properties;
        this.level = cache.compression().level();
        this.bulkLevel = cache.compression().bulkLevel();
    }

    /** A compressed result and the dictionary it was compressed with (0: none). */
    public record Frame(byte[] bytes, long dictionaryId) {
    }

    /** Compresses a result of the kind, with its current dictionary when it has one (and they are enabled). */
    public Frame compress(byte[] json, Kind kind) {
        return compress(json, kind, level);
    }

    /** As {@link #compress}, at the bulk level: for results written in bulk off the request path. */
    public Frame compressInBulk(byte[] json, Kind kind) {
        return compress(json, kind, bulkLevel);
    }

    private Frame compress(byte[] json, Kind kind, int atLevel) {
        if (kind != null && properties.enabled()) {
            var current = dictionaries.current(kind, atLevel);
            if (current.isPresent()) {
                return new Frame(compressWith(json, current.get()), current.get().id());
            }
        }
        return new Frame(contexts.compress(json, atLevel), 0);
    }

    /** The kind's current dictionary for re-compression, at the bulk level; empty when it has none. */
    Optional<Dictionaries.Current> currentInBulk(Kind kind) {
        return dictionaries.current(kind, bulkLevel);
    }

    /** Compresses a result with the given dictionary, at its level (its id goes into the header). */
    byte[] compressWith(byte[] json, Dictionaries.Current dictionary) {
        return contexts.compress(json, dictionary.compressor());
    }

    /** Compresses a result without a dictionary. */
    public Frame compressAlone(byte[] json) {
        return new Frame(contexts.compress(json, level), 0);
    }

    @Override
    public void destroy() {
        contexts.close();
        for (Reader reader; (reader = idleReaders.poll()) != null; ) {
            reader.loaded.close();
        }
    }

    /** The dictionary id a frame's header names; 0 when none (or when the header cannot be read). */
    public static long dictionaryId(byte[] frame) {
        long id = Zstd.getDictIdFromFrame(frame);
        return id < 0 ? 0 : id;
    }

    /**
     * The bytes a frame holds, {@code size} of them as its header declares. Throws
     * {@link UnreadableFrameException} when it names a dictionary that is not stored or does not decompress.
     */
    public byte[] decompress(byte[] frame, int size) {
        try (Reader reader = reader()) {
            return reader.decompress(frame, size);
        }
    }

    /**
     * A reader for many frames in a row on one thread (a batch lookup, or a single hit): close it when
     * done, and do not use it after, since closing hands it to the next caller.
     */
    public Reader reader() {
        Reader reader = idleReaders.poll();
        if (reader == null) {
            reader = new Reader();
        }
        reader.lent = true;
        return reader;
    }

    /** Readers waiting for their next use. */
    int idleReaders() {
        return idleReaders.size();
    }

    /**
     * Reads frames with reused zstd decompression contexts, which {@code Zstd.decompress} would otherwise
     * make and free for every frame (16 % of a batch lookup's CPU in its profile, 6.8 % of a single
     * hit's in ZSTD_createDCtx alone). Readers are reused: {@link #close()} gives one back to
     * {@link Frames} (up to a bound; beyond it the contexts are freed), keeping its contexts'
     * dictionaries loaded ({@link LoadedContexts}) for the next frames of the same kinds. Not
     * thread-safe: one request's frames, then {@link #close()}.
     */
    public final class Reader implements AutoCloseable {

        private final LoadedContexts loaded = new LoadedContexts(dictionaries);
        /** Between {@link Frames#reader()} and the first {@link #close()}: a second close gives nothing back. */
        private boolean lent;

        private Reader() {
        }

        /** As {@link Frames#decompress}. */
        public byte[] decompress(byte[] frame, int size) {
            long id = dictionaryId(frame);
            try {
                return loaded.forDictionary(id).decompress(frame, size);
            } catch (UnreadableFrameException e) {
                throw e;
            } catch (RuntimeException e) {
                loaded.failed(id);
                throw new UnreadableFrameException("the frame does not decompress: " + e.getMessage());
            }
        }

        /** Gives the reader back for reuse, or frees its contexts when enough are waiting. */
        @Override
        public void close() {
            if (!lent) {
                return;
            }
            lent = false;
            if (!idleReaders.offer(this)) {
                loaded.close();
            }
        }
    }
}
