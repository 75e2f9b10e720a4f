package dev.llmcache.entry;

import dev.llmcache.support.Sha256;
import java.time.Instant;
import java.util.Arrays;

/** New entries for repository tests, with the figures a test controls and plausible values for the rest. */
public final class TestEntries {

    private TestEntries() {
    }

    /** An entry whose key derives from {@code name}; its compressed result takes {@code storedBytes} bytes. */
    public static NewEntry entry(String namespace, String name, Instant createdAt, int storedBytes) {
        return entry(namespace, name, "refactor", "xai", "grok-beta", createdAt, storedBytes);
    }

    public static NewEntry entry(String namespace, String name, String cacheType, String provider, String model,
            Instant createdAt, int storedBytes) {
        byte[] frame = new byte[storedBytes];
        Arrays.fill(frame, (byte) 7);
        KeyFactors factors = new KeyFactors(cacheType, model, Sha256.hex(name), "", 1);
        EncodedResult result = new EncodedResult(frame, storedBytes * 3, "\"" + Sha256.hex(name + "/etag").substring(0, 32) + "\"");
        return new NewEntry(namespace, factors, null, "/repo/" + cacheType, "src/" + name + ".rs", 100L, provider, 1000,
                600L, 400L, null, null, result, createdAt, null);
    }

    /** The same entry, stored by the token named {@code writtenBy}. */
    public static NewEntry writtenBy(NewEntry entry, String writtenBy) {
        return new NewEntry(entry.namespace(), entry.factors(), entry.legacyKey(), entry.repoPath(), entry.filePath(),
                entry.fileSize(), entry.provider(), entry.tokensUsed(), entry.inputTokens(), entry.outputTokens(),
                entry.cachedInputTokens(), entry.cacheWriteTokens(), entry.result(), entry.createdAt(), writtenBy);
    }

    /** The same entry with a legacy key. */
    public static NewEntry withLegacyKey(NewEntry entry, String legacyKey) {
        return new NewEntry(entry.namespace(), entry.factors(), legacyKey, entry.repoPath(), entry.filePath(),
                entry.fileSize(), entry.provider(), entry.tokensUsed(), entry.inputTokens(), entry.outputTokens(),
                entry.cachedInputTokens(), entry.cacheWriteTokens(), entry.result(), entry.createdAt(), entry.writtenBy());
    }
}
