package dev.llmcache.lookup.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** The answers of a batch lookup, in request order. */
@Schema(name = "BatchLookupResponse")
record BatchLookupResponse(List<Result> results) {

    /** One answer: the computed key, hit or miss, and on a hit the entry. */
    @Schema(name = "BatchLookupResult")
    record Result(
            @Schema(description = "The computed cache key.", example = "418d86e733a8407ab60d27c56874b2ea50d8d0ae60b16c1382c0fe145fa837d7") String cacheKey,
            @Schema(description = "Whether the result is cached.") boolean hit,
            @Schema(description = "The entry with its result; absent on a miss.")
            @JsonInclude(JsonInclude.Include.NON_NULL) EntryResponse entry) {
    }
}
