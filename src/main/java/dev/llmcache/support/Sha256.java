package dev.llmcache.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/** Lowercase hex SHA-256, the hash behind file hashes, cache keys and token hashes. */
public final class Sha256 {

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
