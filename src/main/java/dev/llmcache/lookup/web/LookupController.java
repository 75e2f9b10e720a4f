package dev.llmcache.lookup.web;

import dev.llmcache.budget.BudgetService;
import dev.llmcache.entry.EntryKey;
import dev.llmcache.lease.LeaseGrant;
import dev.llmcache.lookup.BatchKey;
import dev.llmcache.lookup.LeaseAsk;
import dev.llmcache.lookup.LeasedLookups;
import dev.llmcache.lookup.LookupAnswer;
import dev.llmcache.entry.web.PathKeys;
import dev.llmcache.lookup.LookupService;
import dev.llmcache.lookup.ServedEntry;
import dev.llmcache.web.EntityTags;
import dev.llmcache.web.InvalidRequestException;
import dev.llmcache.web.Namespace;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

/** Fetching results: by key, by the key's factors, and in batches. Each fetch is a hit or a miss. */
@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Lookups", description = "Fetch cached results; every fetch counts as a hit or a miss")
class LookupController {

    /** How long past its wait a waiting request may take before its own timeout answers it. */
    private static final Duration REQUEST_TIMEOUT_MARGIN = Duration.ofSeconds(5);

    private final LookupService service;
    private final LeasedLookups leased;
    private final HeadAnswers heads;
    private final Clock clock;

    LookupController(LookupService service, LeasedLookups leased, HeadAnswers heads, Clock clock) {
        this.service = service;
        this.leased = leased;
        this.heads = heads;
        this.clock = clock;
    }

    @GetMapping("/entries/{cacheKey}")
    @Operation(operationId = "getEntry", summary = "Fetch a result by key",
            description = "Returns the metadata and the result with a strong ETag. If-None-Match with the current ETag answers 304. "
                    + "200 and 304 count as hits, 404 as a miss. With lease=, a miss on a key no one holds grants a lease "
                    + "(Cache-Lease, Cache-Lease-Expires, \"lease\" in the body); with wait=, a lookup on a key whose lease another "
                    + "client holds waits for its result (200), a takeover (404 with a new lease, when lease= was given) or the end "
                    + "of the wait (404 with leaseHeldUntil and Retry-After). Every miss carries Cache-Budget-Status.")
    // the handler returns the response or, for a lookup that waits, a DeferredResult: the schema is named here
    @ApiResponse(responseCode = "200", description = "Hit (possibly after waiting on another client's lease).",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = EntryResponse.class)))
    @ApiResponse(responseCode = "304", description = "Hit; the client's copy (If-None-Match) is current.")
    @ApiResponse(responseCode = "404", description = "Miss; with the lease granted, or leaseHeldUntil when another client holds it.",
            headers = {@Header(name = MissResponse.LEASE_HEADER, schema = @Schema(type = "string"), description = "The id of the lease granted to this client."),
                    @Header(name = MissResponse.LEASE_EXPIRES_HEADER, schema = @Schema(type = "string"), description = "When the lease granted expires (RFC 3339)."),
                    @Header(name = BudgetService.STATUS_HEADER, schema = @Schema(type = "string"), description = "The namespace's budget status: OK, WARNING, ALERT or EXCEEDED.")})
    @ApiResponse(responseCode = "402", description = "A lease asked for in a namespace whose budget is exceeded, with cache.budget.enforce on: no lease.")
    @ApiResponse(responseCode = "503", description = "The database cannot be reached, or cache.leases.max-waiters lookups wait already "
            + "(then Retry-After says when to try again).")
    Object get(Namespace namespace,
            @Parameter(description = "The cache key (64 hex) or legacy key (32 hex).") @PathVariable String cacheKey,
            @Parameter(description = LeaseParameters.LEASE) @RequestParam(required = false) String lease,
            @Parameter(description = LeaseParameters.WAIT) @RequestParam(required = false) String wait,
            @Parameter(description = "ETag(s) the client holds.") @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
        EntryKey key = PathKeys.parse(cacheKey);
        return find(namespace, key, "", "", LeaseParameters.parse(lease, wait), ifNoneMatch);
    }

    // no body: a client that accepts only the problem type of the errors is answered too
    @RequestMapping(path = "/entries/{cacheKey}", method = RequestMethod.HEAD,
            produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
    @Operation(operationId = "headEntry", summary = "Check a result exists", description = "The status and headers of GET (without lease= or wait=) "
                    + "without the body; counts as neither hit nor miss. Content-Length is the length of the answer a GET would send now. "
                    + "lease= and wait= are checked as GET checks them (a malformed one is a 400), but HEAD is safe: it takes no "
                    + "lease and never waits.")
    @ApiResponse(responseCode = "200", description = "The entry exists.",
            headers = @Header(name = HttpHeaders.CONTENT_LENGTH, schema = @Schema(type = "integer"), description = "The length of GET's answer."))
    @ApiResponse(responseCode = "304", description = "The entry exists and the client's copy (If-None-Match) is current.")
    @ApiResponse(responseCode = "404", description = "No such entry (or its stored result is damaged), as GET's miss.",
            headers = {@Header(name = BudgetService.STATUS_HEADER, schema = @Schema(type = "string"), description = "The namespace's budget status, as a miss reports it."),
                    @Header(name = HttpHeaders.RETRY_AFTER, schema = @Schema(type = "integer"), description = "When another client holds the key's lease: seconds until it ends.")})
    @ApiResponse(responseCode = "400", description = "A malformed key, lease= or wait=, as GET would answer.")
    ResponseEntity<?> head(Namespace namespace, @PathVariable String cacheKey,
            @Parameter(description = LeaseParameters.LEASE) @RequestParam(required = false) String lease,
            @Parameter(description = LeaseParameters.WAIT) @RequestParam(required = false) String wait,
            @Parameter(description = "ETag(s) the client holds.") @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
        EntryKey key = PathKeys.parse(cacheKey);
        LeaseParameters.parse(lease, wait); // GET's 400 for a malformed one; a HEAD neither takes a lease nor waits
        return heads.answer(namespace.value(), key, ifNoneMatch);
    }

    @PostMapping(path = "/lookup", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "lookup", summary = "Fetch a result by the key's factors",
            description = "Computes the key from cacheType, model, content or fileHash, promptHash and schemaVersion, "
                    + "then answers exactly as GET /api/v1/entries/{cacheKey}, lease= and wait= included.")
    // the handler returns the response or, for a lookup that waits, a DeferredResult: the schema is named here
    @ApiResponse(responseCode = "200", description = "Hit (possibly after waiting on another client's lease).",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = EntryResponse.class)))
    @ApiResponse(responseCode = "304", description = "Hit; the client's copy (If-None-Match) is current.")
    @ApiResponse(responseCode = "404", description = "Miss; with the lease granted, or leaseHeldUntil when another client holds it.",
            headers = {@Header(name = MissResponse.LEASE_HEADER, schema = @Schema(type = "string"), description = "The id of the lease granted to this client."),
                    @Header(name = MissResponse.LEASE_EXPIRES_HEADER, schema = @Schema(type = "string"), description = "When the lease granted expires (RFC 3339)."),
                    @Header(name = BudgetService.STATUS_HEADER, schema = @Schema(type = "string"), description = "The namespace's budget status: OK, WARNING, ALERT or EXCEEDED.")})
    @ApiResponse(responseCode = "402", description = "A lease asked for in a namespace whose budget is exceeded, with cache.budget.enforce on: no lease.")
    @ApiResponse(responseCode = "503", description = "The database cannot be reached, or cache.leases.max-waiters lookups wait already "
            + "(then Retry-After says when to try again).")
    Object lookup(Namespace namespace, @Valid @RequestBody LookupRequest request,
            @Parameter(description = LeaseParameters.LEASE) @RequestParam(required = false) String lease,
            @Parameter(description = LeaseParameters.WAIT) @RequestParam(required = false) String wait,
            @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
        LeaseAsk ask = LeaseParameters.parse(lease, wait);
        var factors = request.factors();
        return find(namespace, new EntryKey(factors.cacheKey()), factors.cacheType(), factors.model(), ask, ifNoneMatch);
    }

    @PostMapping(path = "/lookup/batch", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "lookupBatch", summary = "Fetch many results at once",
            description = "1 to 1000 lookups by factors, answered in request order; each counts as a hit or a miss. With lease=, "
                    + "each miss that no one holds is granted a lease (its result gains \"lease\"), the others gain leaseHeldUntil; "
                    + "a batch never waits. Any miss adds Cache-Budget-Status; with cache.budget.enforce on, a batch with lease= "
                    + "and a miss in an EXCEEDED namespace is a 402 and grants nothing.")
    @ApiResponse(responseCode = "200", description = "The results in request order.",
            headers = @Header(name = BudgetService.STATUS_HEADER, schema = @Schema(type = "string"), description = "The namespace's budget status, when any lookup missed."))
    @ApiResponse(responseCode = "400", description = "Invalid input: malformed JSON, a missing or invalid field, parameter or "
            + "X-Cache-Namespace header (each field listed in errors); or results that add up to more than "
            + "cache.limits.max-batch-result-bytes (32 MB by default): split the batch. Nothing is counted.")
    @ApiResponse(responseCode = "402", description = "lease= with a miss in a namespace whose budget is exceeded, with cache.budget.enforce on.")
    ResponseEntity<BatchLookupResponse> batch(Namespace namespace, @Valid @RequestBody BatchLookupRequest request,
            @Parameter(description = LeaseParameters.LEASE) @RequestParam(required = false) String lease) {
        LeaseAsk ask = LeaseParameters.parse(lease, null);
        List<BatchKey> keys = new ArrayList<>(request.lookups().size());
        for (int i = 0; i < request.lookups().size(); i++) {
            try {
                keys.add(BatchKey.of(request.lookups().get(i).factors()));
            } catch (InvalidRequestException e) {
                throw e.prefixed("lookups[" + i + "].");
            }
        }
        List<Optional<ServedEntry>> answers = service.batch(namespace.value(), keys);
        List<String> missed = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            if (answers.get(i).isEmpty()) {
                missed.add(keys.get(i).cacheKey());
            }
        }
        LeasedLookups.BatchLeases leases = missed.isEmpty() ? null : leased.leaseMisses(namespace.value(), missed, ask);
        List<BatchLookupResponse.Result> results = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            Optional<ServedEntry> answer = answers.get(i);
            String key = keys.get(i).cacheKey();
            LeaseGrant grant = answer.isPresent() || leases == null ? null : leases.grants().get(key);
            results.add(new BatchLookupResponse.Result(key, answer.isPresent(), answer.map(EntryResponse::of).orElse(null),
                    grant == null || !grant.isGranted() ? null : BatchLookupResponse.LeaseBody.of(grant.granted()),
                    grant == null || grant.isGranted() ? null : grant.heldByOther().expiresAt()));
        }
        ResponseEntity.BodyBuilder ok = ResponseEntity.ok();
        if (leases != null) {
            ok.header(BudgetService.STATUS_HEADER, leases.budget().name());
        }
        return ok.body(new BatchLookupResponse(results));
    }

    /** The answer itself when it came at once, else a DeferredResult completed when the lookup's wait ends. */
    private Object find(Namespace namespace, EntryKey key, String cacheType, String model, LeaseAsk ask, String ifNoneMatch) {
        LookupReply reply = new LookupReply(answer -> {
            if (answer instanceof LookupAnswer.Hit hit) {
                return LookupController.answer(hit.entry(), ifNoneMatch);
            }
            return MissResponse.of(namespace.value(), key.value(), (LookupAnswer.Miss) answer, clock.instant());
        });
        LeasedLookups.Pending pending = leased.find(namespace.value(), key, cacheType, model, ask, reply);
        return reply.handlerResult(() -> {
            // the request's own timeout backs up the wait's deadline (kept by the poll on the server's clock)
            DeferredResult<ResponseEntity<?>> result = ask.waits()
                    ? new DeferredResult<>(ask.waitFor().plus(REQUEST_TIMEOUT_MARGIN).toMillis()) : new DeferredResult<>();
            result.onTimeout(pending::requestTimedOut);
            result.onCompletion(pending::cancel);
            result.onError(error -> pending.cancel());
            return result;
        });
    }

    /** A hit: 304 when the client's copy is current, else the entry with its ETag. */
    private static ResponseEntity<EntryResponse> answer(ServedEntry served, String ifNoneMatch) {
        if (EntityTags.matches(ifNoneMatch, served.etag())) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(served.etag()).build();
        }
        return ResponseEntity.ok().eTag(served.etag()).body(EntryResponse.of(served));
    }
}
