package dev.llmcache.migration;

import dev.llmcache.entry.EncodedResult;
import dev.llmcache.entry.KeyFactors;
import dev.llmcache.entry.NewEntry;
import dev.llmcache.entry.ResultCodec;
import dev.llmcache.entry.ResultTooLargeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns legacy files into entries ready to store: parse and check, compute the contract's cache key
 * from the entry's factors, price-relevant fields, and compress the result. Stateless and thread-safe:
 * it runs on the worker pool, several batches at once.
 */
final class EntryPreparer {

    private final LegacyEntryParser parser;
    private final ResultCodec codec;

    EntryPreparer(LegacyEntryParser parser, ResultCodec codec) {
        this.parser = parser;
        this.codec = codec;
    }

    /** The most bytes of a legacy file the parser accepts. */
    long maxFileBytes() {
        return parser.maxFileBytes();
    }

    List<PreparedEntry> prepare(List<LegacyFile> files, String namespace, boolean keepResults) {
        List<PreparedEntry> prepared = new ArrayList<>(files.size());
        for (LegacyFile file : files) {
            prepared.add(prepare(file, namespace, keepResults));
        }
        return prepared;
    }

    PreparedEntry prepare(LegacyFile file, String namespace, boolean keepResult) {
        LegacyOutcome outcome = parser.parse(file);
        if (outcome instanceof LegacyFailure failure) {
            return new PreparedEntry.Rejected(failure);
        }
        LegacyEntry legacy = (LegacyEntry) outcome;
        EncodedResult result;
        try {
            result = codec.encodeInBulk(namespace, legacy.cacheType(), legacy.result());
        } catch (ResultTooLargeException e) {
            return new PreparedEntry.Rejected(new LegacyFailure(legacy.sourceFile(), legacy.cacheType(), reason(e)));
        }
        KeyFactors factors = new KeyFactors(legacy.cacheType(), legacy.model(), legacy.fileHash(), legacy.promptHash(),
                legacy.schemaVersion());
        // Only tokens_used is known: the cost is estimated half input, half output at today's prices.
        NewEntry entry = new NewEntry(namespace, factors, legacy.legacyKey(), legacy.repoPath(), legacy.filePath(),
                legacy.fileSize(), legacy.provider(), legacy.tokensUsed() == null ? 0 : legacy.tokensUsed(), null, null,
                null, null, result, legacy.analyzedAt(), null);
        return new PreparedEntry.Ready(entry, legacy.sourceFile(), legacy.sourceBytes(),
                keepResult ? legacy.result() : null);
    }

    /** The codec's sentence, shaped like the parser's reasons (lower-case start, no final period). */
    private static String reason(ResultTooLargeException e) {
        String message = e.getMessage();
        message = message.endsWith(".") ? message.substring(0, message.length() - 1) : message;
        return message.substring(0, 1).toLowerCase(Locale.ROOT) + message.substring(1);
    }
}
