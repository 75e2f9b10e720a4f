package dev.llmcache.lease.web;

import dev.llmcache.lease.LeaseService;
import dev.llmcache.web.Namespace;
import dev.llmcache.web.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Releasing a miss lease: its holder gave up, so a waiter may take over at once. */
@RestController
@RequestMapping(path = "/api/v1/leases", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Leases", description = "Miss leases: one LLM call per key, however many ask at once")
class LeaseController {

    private final LeaseService leases;

    LeaseController(LeaseService leases) {
        this.leases = leases;
    }

    @DeleteMapping("/{leaseId}")
    @Operation(operationId = "releaseLease", summary = "Release a lease",
            description = "The holder gives up (its LLM call failed): the lease ends, and a lookup waiting on the key with lease= "
                    + "takes over at once. An unreleased lease simply expires. Needs a WRITE token.")
    @ApiResponse(responseCode = "204", description = "Released.")
    @ApiResponse(responseCode = "404", description = "No live lease with this id in this namespace (unknown, stored, released or expired).")
    ResponseEntity<Void> release(Namespace namespace,
            @Parameter(description = "The id from the Cache-Lease header of the lookup that granted it.") @PathVariable String leaseId) {
        if (!leases.release(namespace.value(), leaseId)) {
            throw new NotFoundException("No live lease " + leaseId + " in namespace " + namespace
                    + ": it is unknown, or it ended (stored, released or expired).");
        }
        return ResponseEntity.noContent().build();
    }
}
