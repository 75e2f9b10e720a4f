package dev.llmcache.compression;

import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdDictDecompress;
import java.util.ArrayList;
import java.util.List;

/**
 * One reader's decompression contexts, each with a dictionary loaded: the last {@link #MAX} it read
 * with, most recently used first. A batch lookup reads the frames of a namespace's cache types in
 * turn, and with one context it reset the context and loaded another dictionary for almost every
 * frame (6.7 % of a batch's CPU in its steady-state profile, 6 December). Beyond {@link #MAX} the
 * least recently used context is reset and loaded again, as the single context was. Not
 * thread-safe: it belongs to one {@link Frames.Reader}.
 */
final class LoadedContexts implements AutoCloseable {

    /** The four cache types of a namespace; each context holds zstd's block buffers (native memory). */
    static final int MAX = 4;

    /** No dictionary known to be loaded: a new context, or one whose last frame failed. */
    private static final long UNKNOWN = -1;

    private final Dictionaries dictionaries;
    private final List<Loaded> loaded = new ArrayList<>(MAX);

    LoadedContexts(Dictionaries dictionaries) {
        this.dictionaries = dictionaries;
    }

    private static final class Loaded {
        private final ZstdDecompressCtx context = new ZstdDecompressCtx();
        /** The dictionary id the context holds: 0 none, {@link #UNKNOWN} to be reset. */
        private long id = UNKNOWN;
        /**
         * Held while the context refers to it: zstd keeps only a pointer to the native dictionary, which
         * must not be freed (by the dictionary cache letting it go and the collector) while loaded.
         */
        private ZstdDictDecompress dictionary;
    }

    /**
     * A context holding the dictionary with this id (0: none). Throws {@link UnreadableFrameException}
     * when no such dictionary is stored.
     */
    ZstdDecompressCtx forDictionary(long id) {
        for (int i = 0; i < loaded.size(); i++) {
            Loaded slot = loaded.get(i);
            if (slot.id == id) {
                if (i > 0) {
                    loaded.add(0, loaded.remove(i));
                }
                return slot.context;
            }
        }
        Loaded slot = loaded.size() < MAX ? new Loaded() : loaded.remove(loaded.size() - 1);
        try {
            load(slot, id);
        } catch (RuntimeException e) {
            loaded.add(slot); // last: the first to be loaded again
            throw e;
        }
        loaded.add(0, slot);
        return slot.context;
    }

    /** After a frame failed with the dictionary's context: it may be left mid-stream, so reset it before its next use. */
    void failed(long id) {
        for (int i = 0; i < loaded.size(); i++) {
            if (loaded.get(i).id == id) {
                Loaded slot = loaded.remove(i);
                slot.id = UNKNOWN;
                loaded.add(slot);
                return;
            }
        }
    }

    private void load(Loaded slot, long id) {
        slot.id = UNKNOWN;
        slot.context.reset(); // session and parameters, the dictionary included
        slot.dictionary = null;
        if (id != 0) {
            ZstdDictDecompress wanted = dictionaries.decompressor(id)
                    .orElseThrow(() -> new UnreadableFrameException("the frame names dictionary " + id + ", which is not stored"));
            slot.context.loadDict(wanted);
            slot.dictionary = wanted;
        }
        slot.id = id;
    }

    /** Frees every context. */
    @Override
    public void close() {
        loaded.forEach(slot -> slot.context.close());
        loaded.clear();
    }
}
