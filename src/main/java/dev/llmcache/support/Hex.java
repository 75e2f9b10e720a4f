package dev.llmcache.support;

import java.util.HexFormat;

/** Keys and hashes are stored as bytes and shown as lowercase hex: the conversions, null-safe. */
public final class Hex {

    private static final HexFormat HEX = HexFormat.of();

    private Hex() {
    }

    /** The bytes of an even-length hex string (either case), or null for null. */
    public static byte[] bytes(String hex) {
        return hex == null ? null : HEX.parseHex(hex);
    }

    /** Lowercase hex of the bytes, or null for null. */
    public static String text(byte[] bytes) {
        return bytes == null ? null : HEX.formatHex(bytes);
    }
}
