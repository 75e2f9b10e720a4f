package dev.llmcache.entry;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A position in the newest-first listing: the last row's creation time and id, opaque to clients
 * (base64url) so the ordering can change without breaking them.
 */
public record EntryCursor(long createdAt, long id) {

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((createdAt + ":" + id).getBytes(StandardCharsets.US_ASCII));
    }

    /** The cursor a client sent back, or an {@link IllegalArgumentException} when it is not one of ours. */
    public static EntryCursor decode(String text) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.US_ASCII).split(":");
            if (parts.length != 2) {
                throw new IllegalArgumentException("not a cursor");
            }
            return new EntryCursor(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("must be the next value of a previous page", e);
        }
    }
}
