package dev.llmcache.lookup.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import dev.llmcache.lease.Lease;
import java.time.Instant;
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
            @JsonInclude(JsonInclude.Include.NON_NULL) EntryResponse entry,
            @Schema(description = "With lease=: the lease granted on this miss; absent otherwise.")
            @JsonInclude(JsonInclude.Include.NON_NULL) LeaseBody lease,
            @Schema(description = "With lease=: when the lease another client holds on this miss expires; absent otherwise.",
                    example = "2026-11-21T08:25:00Z")
            @JsonInclude(JsonInclude.Include.NON_NULL) Instant leaseHeldUntil) {
    }

    /** A lease granted: its id (for Cache-Lease on the store, or DELETE /api/v1/leases/{id}) and expiry. */
    @Schema(name = "Lease")
    record LeaseBody(@Schema(example = "0b7e6c2a-3f7d-4c53-9a55-1d8f1f0c2b9e") String id,
            @Schema(example = "2026-11-21T08:25:00Z") Instant expiresAt) {

        static LeaseBody of(Lease lease) {
            return new LeaseBody(lease.id(), lease.expiresAt());
        }
    }
}
