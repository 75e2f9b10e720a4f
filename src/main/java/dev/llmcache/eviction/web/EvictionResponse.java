package dev.llmcache.eviction.web;

import dev.llmcache.eviction.EvictionPolicy;
import dev.llmcache.eviction.EvictionResult;
import io.swagger.v3.oas.annotations.media.Schema;

/** The answer of {@code POST /api/v1/eviction}. */
@Schema(name = "EvictionResponse", description = "What was evicted (or, for a dry run, would be) and what remains, across all namespaces.")
record EvictionResponse(
        @Schema(description = "The policy that chose the entries.", example = "COST_AWARE") EvictionPolicy policy,
        @Schema(description = "True when nothing was removed on purpose.", example = "false") boolean dryRun,
        @Schema(description = "Entries removed (or that would be).", example = "1200") long evicted,
        @Schema(description = "Their stored (compressed) bytes.", example = "73400320") long freedBytes,
        @Schema(description = "Entries left afterwards.", example = "98800") long remainingEntries,
        @Schema(description = "Stored bytes left afterwards.", example = "1073000000") long remainingBytes) {

    static EvictionResponse of(EvictionResult result) {
        return new EvictionResponse(result.policy(), result.dryRun(), result.evicted(), result.freedBytes(),
                result.remainingEntries(), result.remainingBytes());
    }
}
