package dev.llmcache.entry.web;

import dev.llmcache.support.Sha256;
import dev.llmcache.web.FieldError;
import dev.llmcache.web.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The file a request names, by content or by hash: resolves the hash (and size) the key needs,
 * and refuses a request that sends neither, or both in disagreement.
 */
public record FileContent(String fileHash, Long fileSize) {

    /** Resolves {@code content} and {@code fileHash}; {@code declaredSize} stands when no content is sent. */
    public static FileContent resolve(String content, String fileHash, Long declaredSize) {
        if (content == null) {
            if (fileHash == null) {
                throw new InvalidRequestException("Invalid request: send the file's content or its fileHash.", List.of(
                        new FieldError("content", "is required when fileHash is not sent"),
                        new FieldError("fileHash", "is required when content is not sent")));
            }
            return new FileContent(fileHash, declaredSize);
        }
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        String computed = Sha256.hex(bytes);
        if (fileHash != null && !fileHash.equals(computed)) {
            throw new InvalidRequestException("fileHash", "does not match the SHA-256 of content (" + computed + ")");
        }
        return new FileContent(computed, (long) bytes.length);
    }
}
