package dev.llmcache.eviction.web;

import dev.llmcache.eviction.EvictionLimits;
import dev.llmcache.eviction.EvictionService;
import dev.llmcache.web.FieldError;
import dev.llmcache.web.Audited;
import dev.llmcache.web.InvalidRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.time.DateTimeException;
import java.time.Duration;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** On-demand eviction across all namespaces; the same limits also run on a schedule. */
@RestController
@RequestMapping(path = "/api/v1/eviction", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Eviction", description = "Remove what is least worth keeping, on demand")
class EvictionController {

    /** Now minus more would overflow an instant's milliseconds; no entry is that old anyway. */
    private static final Duration MAX_OLDER_THAN = Duration.ofDays(36_500);

    private final EvictionService service;

    EvictionController(EvictionService service) {
        this.service = service;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Audited("eviction")
    @Operation(summary = "Evict entries (admin)",
            description = "Removes entries across all namespaces until every limit given holds: first every entry last accessed "
                    + "before now minus olderThan, then entries in the policy's order until the stored bytes are at most targetBytes "
                    + "and the entries at most maxEntries. Exactly the entries needed go: the one that brings a total under its "
                    + "limit is the last. Runs in short batches, so stores and lookups go on meanwhile. Statistics stay exact; "
                    + "spend history is never touched. A dry run reports what would go and removes nothing. One run at a time: "
                    + "a request waits (up to cache.eviction.lock-wait) for a run in progress, scheduled or on another replica.")
    @ApiResponse(responseCode = "200", description = "Evicted (or, dry, counted); remaining figures are after the run.")
    @ApiResponse(responseCode = "409", description = "Another eviction kept running for longer than cache.eviction.lock-wait; retry later.")
    EvictionResponse evict(@Valid @RequestBody EvictionRequest request) {
        EvictionLimits limits = new EvictionLimits(request.targetBytes(), request.maxEntries(), olderThan(request.olderThan()));
        if (limits.isEmpty()) {
            throw new InvalidRequestException("Invalid request: give at least one limit: targetBytes, maxEntries or olderThan.",
                    List.of(new FieldError("targetBytes", "is required when maxEntries and olderThan are not sent"),
                            new FieldError("maxEntries", "is required when targetBytes and olderThan are not sent"),
                            new FieldError("olderThan", "is required when targetBytes and maxEntries are not sent")));
        }
        return service.evict(request.policy(), limits, Boolean.TRUE.equals(request.dryRun()))
                .map(EvictionResponse::of)
                .orElseThrow(EvictionBusyException::new);
    }

    private static Duration olderThan(String value) {
        if (value == null) {
            return null;
        }
        Duration duration;
        try {
            duration = Duration.parse(value);
        } catch (DateTimeException | ArithmeticException e) { // a number of seconds past a long: an overflow
            throw new InvalidRequestException("olderThan", "must be an ISO-8601 duration such as P30D or PT12H");
        }
        if (duration.isNegative()) {
            throw new InvalidRequestException("olderThan", "must not be negative");
        }
        if (duration.compareTo(MAX_OLDER_THAN) > 0) {
            // now minus it would overflow the milliseconds of an instant (a 500); no entry is that old anyway
            throw new InvalidRequestException("olderThan", "must be at most " + MAX_OLDER_THAN + " (100 years)");
        }
        return duration;
    }
}
