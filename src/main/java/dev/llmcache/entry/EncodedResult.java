package dev.llmcache.entry;

import dev.llmcache.support.Hex;

/**
 * A result ready to store: the zstd frame, the size of the JSON it holds, and the strong ETag
 * (hash of that JSON) that changes whenever the result does.
 *
 * @param etag the ETag as sent in headers: 32 lowercase hex characters in double quotes
 * @param dictionaryId the zstd dictionary the frame was compressed with; 0 when none
 */
public record EncodedResult(byte[] frame, int resultBytes, String etag, long dictionaryId) {

    /** A frame compressed without a dictionary. */
    public EncodedResult(byte[] frame, int resultBytes, String etag) {
        this(frame, resultBytes, etag, 0);
    }

    /** The dictionary id as stored: NULL when none. */
    Long storedDictionaryId() {
        return dictionaryId == 0 ? null : dictionaryId;
    }

    public int storedBytes() {
        return frame.length;
    }

    /** The ETag's 16 bytes, as stored. */
    byte[] etagBytes() {
        return etagBytes(etag);
    }

    /** The 16 bytes of a quoted ETag, as stored. */
    static byte[] etagBytes(String etag) {
        return Hex.bytes(etag.startsWith("\"") ? etag.substring(1, etag.length() - 1) : etag);
    }

    /** The ETag of stored bytes, quoted for headers. */
    static String etag(byte[] stored) {
        return "\"" + Hex.text(stored) + "\"";
    }
}
