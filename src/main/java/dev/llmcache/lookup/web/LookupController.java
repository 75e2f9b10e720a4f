package dev.llmcache.lookup.web;

import dev.llmcache.entry.KeyFactors;
import dev.llmcache.entry.StoredEntry;
import dev.llmcache.entry.web.PathKeys;
import dev.llmcache.lookup.LookupService;
import dev.llmcache.lookup.ServedEntry;
import dev.llmcache.web.InvalidRequestException;
import dev.llmcache.web.Namespace;
import dev.llmcache.web.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/** Fetching results: by key, by the key's factors, and in batches. Each fetch is a hit or a miss. */
@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Lookups", description = "Fetch cached results; every fetch counts as a hit or a miss")
class LookupController {

    private final LookupService service;

    LookupController(LookupService service) {
        this.service = service;
    }

    @GetMapping("/entries/{cacheKey}")
    @Operation(operationId = "getEntry", summary = "Fetch a result by key",
            description = "Returns the metadata and the result with a strong ETag. If-None-Match with the current ETag answers 304. "
                    + "200 and 304 count as hits, 404 as a miss.")
    @ApiResponse(responseCode = "200", description = "Hit.")
    @ApiResponse(responseCode = "304", description = "Hit; the client's copy (If-None-Match) is current.")
    @ApiResponse(responseCode = "404", description = "Miss.")
    ResponseEntity<EntryResponse> get(Namespace namespace,
            @Parameter(description = "The cache key (64 hex) or legacy key (32 hex).") @PathVariable String cacheKey,
            @Parameter(description = "ETag(s) the client holds.") @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
        return answer(service.get(namespace.value(), PathKeys.parse(cacheKey))
                .orElseThrow(() -> notFound(namespace, cacheKey)), ifNoneMatch);
    }

    // no body: a client that accepts only the problem type of the errors is answered too
    @RequestMapping(path = "/entries/{cacheKey}", method = RequestMethod.HEAD,
            produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
    @Operation(operationId = "headEntry", summary = "Check a result exists", description = "The headers of GET without the body; counts as neither hit nor miss.")
    @ApiResponse(responseCode = "200", description = "The entry exists.")
    @ApiResponse(responseCode = "404", description = "No such entry.")
    ResponseEntity<Void> head(Namespace namespace, @PathVariable String cacheKey) {
        Optional<StoredEntry> entry = service.head(namespace.value(), PathKeys.parse(cacheKey));
        return entry.map(found -> ResponseEntity.ok().eTag(found.etag()).contentType(MediaType.APPLICATION_JSON).<Void>build())
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_PROBLEM_JSON).build());
    }

    @PostMapping(path = "/lookup", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "lookup", summary = "Fetch a result by the key's factors",
            description = "Computes the key from cacheType, model, content or fileHash, promptHash and schemaVersion, "
                    + "then answers exactly as GET /api/v1/entries/{cacheKey}.")
    @ApiResponse(responseCode = "200", description = "Hit.")
    @ApiResponse(responseCode = "304", description = "Hit; the client's copy (If-None-Match) is current.")
    @ApiResponse(responseCode = "404", description = "Miss.")
    ResponseEntity<EntryResponse> lookup(Namespace namespace, @Valid @RequestBody LookupRequest request,
            @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
        var factors = request.factors();
        return answer(service.lookup(namespace.value(), factors)
                .orElseThrow(() -> notFound(namespace, factors.cacheKey())), ifNoneMatch);
    }

    @PostMapping(path = "/lookup/batch", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "lookupBatch", summary = "Fetch many results at once",
            description = "1 to 1000 lookups by factors, answered in request order; each counts as a hit or a miss.")
    BatchLookupResponse batch(Namespace namespace, @Valid @RequestBody BatchLookupRequest request) {
        List<KeyFactors> factors = new ArrayList<>(request.lookups().size());
        for (int i = 0; i < request.lookups().size(); i++) {
            try {
                factors.add(request.lookups().get(i).factors());
            } catch (InvalidRequestException e) {
                throw e.prefixed("lookups[" + i + "].");
            }
        }
        List<Optional<ServedEntry>> answers = service.batch(namespace.value(), factors);
        List<BatchLookupResponse.Result> results = new ArrayList<>(factors.size());
        for (int i = 0; i < factors.size(); i++) {
            Optional<ServedEntry> answer = answers.get(i);
            results.add(new BatchLookupResponse.Result(factors.get(i).cacheKey(), answer.isPresent(),
                    answer.map(EntryResponse::of).orElse(null)));
        }
        return new BatchLookupResponse(results);
    }

    /** A hit: 304 when the client's copy is current, else the entry with its ETag. */
    private static ResponseEntity<EntryResponse> answer(ServedEntry served, String ifNoneMatch) {
        if (matches(ifNoneMatch, served.etag())) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(served.etag()).build();
        }
        return ResponseEntity.ok().eTag(served.etag()).body(EntryResponse.of(served));
    }

    private static NotFoundException notFound(Namespace namespace, String key) {
        return new NotFoundException("No entry " + key + " in namespace " + namespace + ": a miss.");
    }

    /** RFC 9110 If-None-Match: weak comparison, a list, or {@code *}. */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        return Arrays.stream(ifNoneMatch.split(","))
                .map(String::trim)
                .map(tag -> tag.startsWith("W/") ? tag.substring(2) : tag)
                .anyMatch(tag -> tag.equals("*") || tag.equals(etag));
    }
}
