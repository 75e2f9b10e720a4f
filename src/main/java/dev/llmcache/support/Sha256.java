package dev.llmcache.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/** Lowercase hex SHA-256, the hash behind file hashes, cache keys and token hashes. */
public final class Sha256 {

    /** An ETag is stored as the first 16 bytes of its result's SHA-256. */
    private static final int ETAG_BYTES = 16;

    private Sha256() {
    }

    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(digest(bytes));
    }

    /**
     * Whether the SHA-256 of the bytes starts with the prefix (an ETag's 16 stored bytes), compared
     * as bytes: checking every served result this way costs no hex text.
     */
    public static boolean startsWith(byte[] bytes, byte[] prefix) {
        byte[] digest = digest(bytes);
        return prefix.length <= digest.length
                && MessageDigest.isEqual(Arrays.copyOf(digest, prefix.length), prefix);
    }

    /**
     * Whether a stored ETag is the one of these bytes: exactly the first 16 bytes of their SHA-256. A
     * stored ETag of another length is damage, never a match, however its bytes compare.
     */
    public static boolean isEtagOf(byte[] etag, byte[] bytes) {
        return etag.length == ETAG_BYTES && startsWith(bytes, etag);
    }

    private static byte[] digest(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    public static String hex(String text) {
        return hex(text.getBytes(StandardCharsets.UTF_8));
    }
}
