package dev.llmcache.lookup.web;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** Up to 1000 lookups answered in one request. */
@Schema(name = "BatchLookupRequest")
record BatchLookupRequest(
        @Schema(description = "1 to 1000 lookups.", requiredMode = Schema.RequiredMode.REQUIRED)
        @NotNull(message = "is required")
        @Size(min = 1, max = 1000, message = "must hold 1 to 1000 lookups") List<@Valid @NotNull(message = "must be a lookup") LookupRequest> lookups) {
}
