package dev.llmcache.stats.web;

import dev.llmcache.budget.BudgetService;
import dev.llmcache.stats.StatsReport;
import dev.llmcache.stats.StatsService;
import dev.llmcache.web.Namespace;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MimeTypeUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** The namespace's statistics, as JSON or as a terminal report ({@code Accept: text/plain}). */
@RestController
@Tag(name = "Statistics", description = "What the cache holds, costs and saves")
class StatsController {

    private final StatsService stats;
    private final BudgetService budget;

    StatsController(StatsService stats, BudgetService budget) {
        this.stats = stats;
        this.budget = budget;
    }

    @GetMapping(path = "/api/v1/stats", produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.TEXT_PLAIN_VALUE})
    @Operation(operationId = "getStats", summary = "Statistics of the namespace",
            description = "Totals, hit rate, savings, storage and compression, per cache type and per model. "
                    + "With Accept: text/plain, a report for a terminal that ends with the budget block. "
                    + "Answered from maintained aggregates: as fast at a million entries as at ten.")
    @ApiResponse(responseCode = "200", description = "The statistics.", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = StatsReport.class)),
            @Content(mediaType = MediaType.TEXT_PLAIN_VALUE, schema = @Schema(type = "string",
                    example = "LLM cache: namespace default\n...\nBudget (2026-11)\n  ✅ Budget OK: $0.05 / $3.00 (1.7%)\n"))})
    ResponseEntity<?> stats(Namespace namespace, @Parameter(hidden = true) @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        StatsReport report = stats.report(namespace.value());
        if (prefersText(accept)) {
            return ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8))
                    .body(StatsText.render(report, budget.status(namespace.value())));
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(report);
    }

    /** True when the client ranks text/plain above JSON; JSON is the default. */
    static boolean prefersText(String accept) {
        if (accept == null || accept.isBlank()) {
            return false;
        }
        List<MediaType> types;
        try {
            types = MediaType.parseMediaTypes(accept);
        } catch (InvalidMediaTypeException e) {
            return false;
        }
        MimeTypeUtils.sortBySpecificity(types);
        types.sort((a, b) -> Double.compare(b.getQualityValue(), a.getQualityValue()));
        for (MediaType type : types) {
            if (type.getQualityValue() == 0) {
                continue;
            }
            if (type.isCompatibleWith(MediaType.APPLICATION_JSON) && !type.isWildcardType()) {
                return false;
            }
            if (type.isCompatibleWith(MediaType.TEXT_PLAIN) && !type.isWildcardType()) {
                return true;
            }
            if (type.isWildcardType()) {
                return false;
            }
        }
        return false;
    }
}
