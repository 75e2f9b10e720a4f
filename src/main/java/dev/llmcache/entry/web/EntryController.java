package dev.llmcache.entry.web;

import dev.llmcache.entry.EncodedResult;
import dev.llmcache.entry.EntryCursor;
import dev.llmcache.entry.EntryFilter;
import dev.llmcache.entry.EntryMetadata;
import dev.llmcache.entry.EntryPage;
import dev.llmcache.entry.EntryRepository;
import dev.llmcache.entry.EntryService;
import dev.llmcache.entry.KeyFactors;
import dev.llmcache.entry.NewEntry;
import dev.llmcache.entry.ResultCodec;
import dev.llmcache.entry.StoreOutcome;
import dev.llmcache.pricing.TokenCounts;
import dev.llmcache.web.Audited;
import dev.llmcache.web.Caller;
import dev.llmcache.web.InvalidRequestException;
import dev.llmcache.web.Namespace;
import dev.llmcache.web.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Storing, listing and deleting entries. Fetching by key is a lookup: see the lookup package. */
@RestController
@RequestMapping(path = "/api/v1/entries", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Entries", description = "Store, list and delete cached results")
class EntryController {

    private final EntryService service;
    private final EntryRepository repository;
    private final ResultCodec codec;
    private final Clock clock;

    EntryController(EntryService service, EntryRepository repository, ResultCodec codec, Clock clock) {
        this.service = service;
        this.repository = repository;
        this.codec = codec;
        this.clock = clock;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "storeEntry", summary = "Store (upsert) a result",
            description = "Stores the result under the key computed from cacheType, model, fileHash, promptHash and schemaVersion, "
                    + "replacing any result already there. The cost is priced now, from the pricing table, and added to this month's spend.")
    @ApiResponse(responseCode = "201", description = "Stored under a new key; Location names it.")
    @ApiResponse(responseCode = "200", description = "Replaced the result already stored under this key.")
    ResponseEntity<EntryMetadata> store(Namespace namespace, Caller caller, @Valid @RequestBody StoreEntryRequest request,
            @Parameter(description = "The lease this store fulfils (from the lookup's Cache-Lease header). Any store of a key ends "
                    + "its lease, with or without this header; waiting lookups are then answered with this result.")
            @RequestHeader(name = "Cache-Lease", required = false) String lease) {
        if (request.result().isNull()) {
            throw new InvalidRequestException("result", "must not be null");
        }
        TokenCounts tokens = StoreTokens.of(request);
        FileContent file = FileContent.resolve(request.content(), request.fileHash(), request.fileSize());
        EncodedResult result = codec.encode(namespace.value(), request.cacheType(), request.result());
        NewEntry entry = new NewEntry(namespace.value(),
                new KeyFactors(request.cacheType(), request.model(), file.fileHash(),
                        orEmpty(request.promptHash()), request.schemaVersion() == null ? 1 : request.schemaVersion()),
                null, orEmpty(request.repoPath()), request.filePath(), file.fileSize(), request.provider(),
                StoreTokens.total(tokens), tokens.inputTokens(), tokens.outputTokens(), tokens.cachedInputTokens(), tokens.cacheWriteTokens(), result,
                Instant.now(clock), caller.tokenName());
        StoreOutcome outcome = service.store(entry);
        URI location = URI.create("/api/v1/entries/" + outcome.entry().cacheKey());
        return (outcome.created() ? ResponseEntity.created(location) : ResponseEntity.ok().location(location))
                .body(outcome.entry());
    }

    // no body on success: a client that accepts only the problem type of the errors is answered too
    @DeleteMapping(path = "/{cacheKey}", produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
    @Operation(operationId = "deleteEntry", summary = "Delete one entry", description = "Removes the entry; the spend it caused stays in the ledger.")
    @ApiResponse(responseCode = "204", description = "Deleted.")
    @ApiResponse(responseCode = "404", description = "No such entry in this namespace.")
    ResponseEntity<Void> delete(Namespace namespace,
            @Parameter(description = "The cache key (64 hex) or legacy key (32 hex).") @PathVariable String cacheKey) {
        if (!repository.delete(namespace.value(), PathKeys.parse(cacheKey))) {
            throw new NotFoundException("No entry " + cacheKey + " in namespace " + namespace + ".");
        }
        return ResponseEntity.noContent().build();
    }

    @GetMapping
    @Operation(operationId = "listEntries", summary = "List entries' metadata", description = "Newest first, with exact-match filters; follow next for more pages.")
    EntryListResponse list(Namespace namespace,
            @RequestParam(required = false) String cacheType,
            @RequestParam(required = false) String repoPath,
            @RequestParam(required = false) String filePath,
            @RequestParam(required = false) String provider,
            @RequestParam(required = false) String model,
            @Parameter(description = "The name of the token that stored the entries.") @RequestParam(required = false) String writtenBy,
            @Parameter(description = "Page size, 1 to 1000.") @RequestParam(defaultValue = "100")
            @Min(value = 1, message = "must be between 1 and 1000") @Max(value = 1000, message = "must be between 1 and 1000") int limit,
            @Parameter(description = "The next value of the previous page.") @RequestParam(required = false) String after) {
        EntryCursor cursor = null;
        if (after != null) {
            try {
                cursor = EntryCursor.decode(after);
            } catch (IllegalArgumentException e) {
                throw new InvalidRequestException("after", e.getMessage());
            }
        }
        EntryPage page = repository.list(namespace.value(), new EntryFilter(cacheType, repoPath, filePath, provider, model, writtenBy),
                cursor, limit);
        return new EntryListResponse(page.items(), page.next() == null ? null : page.next().encode());
    }

    @DeleteMapping
    @Audited("clear")
    @Operation(operationId = "clearEntries", summary = "Clear entries", description = "Deletes every entry matching the filters. With no filter, all=true is required. "
            + "Clearing never erases spend history.")
    ClearResponse clear(Namespace namespace,
            @RequestParam(required = false) String cacheType,
            @RequestParam(required = false) String repoPath,
            @RequestParam(required = false) String filePath,
            @RequestParam(required = false) String provider,
            @RequestParam(required = false) String model,
            @Parameter(description = "The name of the token that stored the entries.") @RequestParam(required = false) String writtenBy,
            @Parameter(description = "Required to clear the whole namespace without filters.",
                    schema = @Schema(type = "boolean", defaultValue = "false")) @RequestParam(defaultValue = "false") String all) {
        EntryFilter filter = new EntryFilter(cacheType, repoPath, filePath, provider, model, writtenBy);
        boolean everything = clearsAll(all);
        if (filter.isEmpty() && !everything) {
            throw new InvalidRequestException("all",
                    "must be true to clear every entry; otherwise give a filter (cacheType, repoPath, filePath, provider, model, writtenBy)");
        }
        return new ClearResponse(service.clear(namespace.value(), filter));
    }

    /**
     * Only {@code true} clears a whole namespace: Spring would read {@code yes}, {@code on} and {@code 1}
     * as true too, and a typo must not empty a namespace.
     */
    private static boolean clearsAll(String all) {
        if (all.equalsIgnoreCase("true")) {
            return true;
        }
        if (all.equalsIgnoreCase("false")) {
            return false;
        }
        throw new InvalidRequestException("all", "must be true or false");
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
