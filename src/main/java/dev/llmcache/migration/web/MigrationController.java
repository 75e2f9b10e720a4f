package dev.llmcache.migration.web;

import dev.llmcache.migration.Migration;
import dev.llmcache.migration.MigrationService;
import dev.llmcache.web.Audited;
import dev.llmcache.web.Caller;
import dev.llmcache.web.InvalidRequestException;
import dev.llmcache.web.Namespace;
import dev.llmcache.web.NotFoundException;
import dev.llmcache.web.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.regex.Pattern;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** Starting migrations from the legacy JSON cache and following them. */
@RestController
@RequestMapping("/api/v1/migrations")
@Tag(name = "Migrations", description = "Import the Rust tool's legacy JSON caches")
class MigrationController {

    private static final Pattern ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final MigrationService service;
    private final MigrationEvents events;

    MigrationController(MigrationService service, MigrationEvents events) {
        this.service = service;
        this.events = events;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    @Audited("migration")
    @Operation(operationId = "startMigration", summary = "Import a legacy JSON cache (admin)",
            description = "Checks the source at once (inside cache.migration.allowed-roots, existing, a legacy cache in the "
                    + "layout), then imports it in the background into the request's namespace: every *.json entry under "
                    + "its key computed from cacheType, model, fileHash, promptHash and schemaVersion, keeping the file's "
                    + "cache_key as legacyKey and analyzed_at as createdAt, its cost recorded in the month it was analysed. "
                    + "Bad files are failures with a reason; the import goes on. Symbolic links are not followed (each is "
                    + "listed as a failure, its target never read, even when swapped in while the migration runs) and the "
                    + "source is never written to. Running it again adds nothing twice (the entries are skipped), so an "
                    + "interrupted migration is resumed by running it again. At most cache.migration.max-concurrent run "
                    + "at once on a server.")
    @ApiResponse(responseCode = "202", description = "Started; Location names the migration to follow.")
    @ApiResponse(responseCode = "403", description = "The source lies outside cache.migration.allowed-roots, or the token "
            + "may not start migrations or use this namespace.")
    @ApiResponse(responseCode = "429", description = "This server already runs cache.migration.max-concurrent migrations; "
            + "retry after Retry-After seconds.")
    ResponseEntity<Migration> start(Namespace namespace, Caller caller, @Valid @RequestBody StartMigrationRequest request) {
        if (StartMigrationRequest.isTrue(request.verify()) && StartMigrationRequest.isTrue(request.dryRun())) {
            throw new InvalidRequestException("verify", "cannot be combined with dryRun: a dry run stores nothing to verify");
        }
        Migration migration = service.start(namespace.value(), request.source(), request.layoutOrAuto(),
                StartMigrationRequest.isTrue(request.backup()), StartMigrationRequest.isTrue(request.verify()),
                StartMigrationRequest.isTrue(request.dryRun()), caller.tokenName());
        return ResponseEntity.accepted().location(URI.create("/api/v1/migrations/" + migration.id())).body(migration);
    }

    @GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "getMigration", summary = "A migration's status, progress and result",
            description = "Any replica answers, from the database; the one running it answers with its live progress. A "
                    + "migration whose process died (server crash, offline command killed) is reported FAILED within a "
                    + "minute; run it again to resume.")
    @ApiResponse(responseCode = "200", description = "The migration.")
    @ApiResponse(responseCode = "404", description = "No such migration in this namespace.")
    Migration get(Namespace namespace, Caller caller,
            @Parameter(description = "The migration's id.", schema = @Schema(format = "uuid")) @PathVariable String id) {
        return shownTo(caller, find(namespace, id));
    }

    @GetMapping(path = "/{id}/events")
    @Operation(operationId = "streamMigration", summary = "Follow a migration as server-sent events",
            description = "Streams the migration object as `migration` events: one at once, one whenever it changes (at "
                    + "most four a second), and a last one when it has ended; then the stream completes. A client that "
                    + "connects after the end gets the final object and the end of the stream. Comments are sent every "
                    + "15 seconds to keep idle connections open.")
    @ApiResponse(responseCode = "200", description = "The event stream.", content = @Content(
            mediaType = MediaType.TEXT_EVENT_STREAM_VALUE, schema = @Schema(implementation = Migration.class)))
    @ApiResponse(responseCode = "404", description = "No such migration in this namespace.")
    SseEmitter events(Namespace namespace, Caller caller,
            @Parameter(description = "The migration's id.", schema = @Schema(format = "uuid")) @PathVariable String id) {
        Migration migration = shownTo(caller, find(namespace, id));
        return events.stream(migration, () -> service.find(namespace.value(), id).map(m -> shownTo(caller, m)).orElse(migration),
                service.runsHere(id));
    }

    /** A failure's reason may quote a bad file's content: only ADMIN callers see it whole. */
    private static Migration shownTo(Caller caller, Migration migration) {
        return caller.role() == Role.ADMIN ? migration : migration.withoutFailureDetails();
    }

    private Migration find(Namespace namespace, String id) {
        if (!ID.matcher(id).matches()) {
            throw new InvalidRequestException("id", "must be a migration id as returned by POST /api/v1/migrations");
        }
        return service.find(namespace.value(), id).orElseThrow(() -> new NotFoundException(
                "No migration " + id + " in namespace " + namespace + "."));
    }
}
