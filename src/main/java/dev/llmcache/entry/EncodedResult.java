package dev.llmcache.entry;

/**
 * A result ready to store: the zstd frame, the size of the JSON it holds, and the strong ETag
 * (hash of that JSON) that changes whenever the result does.
 */
public record EncodedResult(byte[] frame, int resultBytes, String etag) {

    public int storedBytes() {
        return frame.length;
    }
}
