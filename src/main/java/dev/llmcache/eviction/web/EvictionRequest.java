package dev.llmcache.eviction.web;

import dev.llmcache.eviction.EvictionPolicy;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.PositiveOrZero;

/** The body of {@code POST /api/v1/eviction}. */
@Schema(name = "EvictionRequest", description = "Limits to enforce across all namespaces; at least one of targetBytes, maxEntries, olderThan.")
record EvictionRequest(
        @Schema(description = "The order entries go in: LRU (least recently accessed first), OLDEST (earliest created first), "
                + "LARGEST (most stored bytes first) or COST_AWARE (GreedyDual-Size-Frequency: cheap to recompute, rarely used "
                + "and large first). Defaults to cache.eviction.policy.", example = "COST_AWARE", defaultValue = "COST_AWARE")
        EvictionPolicy policy,

        @Schema(description = "Evict until the stored bytes (sum of storedBytes) are at most this.", example = "1073741824", minimum = "0")
        @PositiveOrZero(message = "must be >= 0") Long targetBytes,

        @Schema(description = "Evict until at most this many entries remain.", example = "100000", minimum = "0")
        @PositiveOrZero(message = "must be >= 0") Long maxEntries,

        @Schema(description = "Evict every entry last accessed before now minus this ISO-8601 duration.", example = "P30D")
        String olderThan,

        @Schema(description = "Report what would be evicted, and evict nothing.", example = "false", defaultValue = "false")
        Boolean dryRun) {
}
