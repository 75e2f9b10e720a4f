package dev.llmcache.lookup;

import dev.llmcache.support.ByteSizes;
import dev.llmcache.web.FieldError;
import dev.llmcache.web.InvalidRequestException;
import java.util.List;

/**
 * A batch whose results add up to more than {@code cache.limits.max-batch-result-bytes}: a 400 that
 * says to split it, answered before any lookup is counted. The answer is built in memory, and a batch
 * of 1000 lookups of an 8 MB result ran the server out of heap (a 500, with half of its hits counted).
 */
public class BatchTooLargeException extends InvalidRequestException {

    BatchTooLargeException(long resultBytes, long limit) {
        super("Invalid request: the results of this batch add up to " + ByteSizes.format(resultBytes) + " of JSON, over the "
                + "limit of " + ByteSizes.format(limit) + " an answer may carry (cache.limits.max-batch-result-bytes); "
                + "split the batch into smaller ones.",
                List.of(new FieldError("lookups", "results add up to " + resultBytes + " bytes, over " + limit)));
    }
}
