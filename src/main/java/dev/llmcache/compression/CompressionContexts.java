package dev.llmcache.compression;

import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDictCompress;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * zstd compression contexts kept for reuse. {@code Zstd.compress} makes and frees a context for
 * every result, and making one (its tables allocated and cleared) costs more than compressing a
 * 2 kB result with it: JMH 20.1 against 5.6 us a 1 kB result (docs/performance.md). A context goes
 * back reset (parameters and dictionary), so each compression starts as on a fresh one and writes
 * the same frame. Bounded: a context beyond the bound is freed at once.
 */
final class CompressionContexts implements AutoCloseable {

    private final BlockingQueue<ZstdCompressCtx> idle;

    CompressionContexts(int capacity) {
        this.idle = new ArrayBlockingQueue<>(capacity);
    }

    /** What {@code Zstd.compress(json, level)} gives. */
    byte[] compress(byte[] json, int level) {
        ZstdCompressCtx context = borrow();
        try {
            return context.setLevel(level).compress(json);
        } finally {
            giveBack(context);
        }
    }

    /**
     * What {@code Zstd.compress(json, dictionary)} gives (its id in the header), at the level the
     * dictionary's compression object was made with: zstd takes a referenced dictionary's level over the
     * context's.
     */
    byte[] compress(byte[] json, ZstdDictCompress dictionary) {
        ZstdCompressCtx context = borrow();
        try {
            return context.loadDict(dictionary).compress(json);
        } finally {
            giveBack(context);
        }
    }

    /** Contexts waiting for their next use. */
    int idle() {
        return idle.size();
    }

    private ZstdCompressCtx borrow() {
        ZstdCompressCtx context = idle.poll();
        return context != null ? context : new ZstdCompressCtx();
    }

    private void giveBack(ZstdCompressCtx context) {
        try {
            context.reset(); // also lets go of the dictionary, which may then be closed
        } catch (RuntimeException e) {
            context.close(); // a context that cannot be reset is not used again
            return;
        }
        if (!idle.offer(context)) {
            context.close();
        }
    }

    @Override
    public void close() {
        for (ZstdCompressCtx context; (context = idle.poll()) != null; ) {
            context.close();
        }
    }
}
