package dev.llmcache.compression;

/**
 * A frame that cannot be decompressed: it names a dictionary that is not stored, or zstd refuses it.
 * Readers treat it like any damaged result.
 */
public class UnreadableFrameException extends RuntimeException {

    UnreadableFrameException(String reason) {
        super(reason, null, false, false);
    }
}
