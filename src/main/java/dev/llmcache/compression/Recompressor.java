package dev.llmcache.compression;

import dev.llmcache.storage.DatabaseMaintenance;
import dev.llmcache.support.Sha256;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Re-compresses the frames of a kind that have no dictionary with its current one, so that results
 * stored before the kind had one (an upgraded cache: all of them) get the saving too. Small batches: each is
 * read on the read pool, compressed outside any transaction and written in one short transaction,
 * after which the writer is yielded to stores. A crash loses nothing: a frame is replaced in the same
 * transaction as its row, by the same result (checked against its ETag before and after). Frames are
 * written at the bulk level ({@code cache.compression.bulk-level}): the work is off the request path.
 */
@Component
class Recompressor {

    /** What one pass over a kind did. */
    record Pass(long rewritten, long bytesBefore, long bytesAfter, boolean interrupted) {
    }

    /** Reports progress of a long pass. */
    interface Progress {
        void batchDone(long rewritten, long bytesBefore, long bytesAfter);
    }

    private final RecompressionRepository repository;
    private final Frames frames;
    private final TransactionTemplate transactions;
    private final DatabaseMaintenance database;
    private final int batch;

    Recompressor(RecompressionRepository repository, Frames frames, TransactionTemplate transactions,
            DatabaseMaintenance database, DictionaryProperties properties) {
        this.repository = repository;
        this.frames = frames;
        this.transactions = transactions;
        this.database = database;
        this.batch = properties.recompressBatch();
    }

    /** The dictionary re-compression writes a kind's frames with: its current one, at the bulk level. */
    Optional<Dictionaries.Current> dictionaryFor(Kind kind) {
        return frames.currentInBulk(kind);
    }

    /** Re-compresses every frame of the kind that has no dictionary with {@code current}. */
    Pass recompress(Kind kind, Dictionaries.Current current, Progress progress) {
        long after = 0;
        long rewritten = 0;
        long before = 0;
        long afterBytes = 0;
        while (true) {
            long started = System.nanoTime();
            List<RecompressionRepository.StoredFrame> read = repository.framesWithoutDictionary(kind, after, batch);
            if (read.isEmpty()) {
                return new Pass(rewritten, before, afterBytes, false);
            }
            after = read.get(read.size() - 1).id();
            long[] batchTotals = new long[3];
            transactions.executeWithoutResult(status -> {
                for (RecompressionRepository.StoredFrame old : read) {
                    byte[] frame = recompressed(old, current);
                    if (frame != null && repository.replaceFrame(old, frame, current.id())) {
                        batchTotals[0]++;
                        batchTotals[1] += old.storedBytes();
                        batchTotals[2] += frame.length;
                    }
                }
            });
            rewritten += batchTotals[0];
            before += batchTotals[1];
            afterBytes += batchTotals[2];
            progress.batchDone(rewritten, before, afterBytes);
            if (read.size() < batch) {
                return new Pass(rewritten, before, afterBytes, false);
            }
            if (!database.yieldWriter(started)) {
                return new Pass(rewritten, before, afterBytes, true);
            }
        }
    }

    /**
     * The frame compressed with the dictionary, or null to leave the old one: it does not decompress
     * or does not match its ETag (damaged: lookups deal with it). Written even in the rare case that it is
     * not smaller, so that each frame is read once per dictionary, not by every run.
     */
    private byte[] recompressed(RecompressionRepository.StoredFrame old, Dictionaries.Current current) {
        byte[] json;
        try {
            json = frames.decompress(old.frame(), old.resultBytes());
        } catch (UnreadableFrameException e) {
            return null;
        }
        if (json.length != old.resultBytes() || !Sha256.isEtagOf(old.etag(), json)) {
            return null;
        }
        byte[] frame = frames.compressWith(json, current);
        if (!Arrays.equals(frames.decompress(frame, json.length), json)) {
            return null;
        }
        return frame;
    }
}
