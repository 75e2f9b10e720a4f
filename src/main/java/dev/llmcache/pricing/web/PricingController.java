package dev.llmcache.pricing.web;

import dev.llmcache.pricing.PricingReloader;
import dev.llmcache.pricing.PricingTable;
import dev.llmcache.pricing.TokenCounts;
import dev.llmcache.web.Audited;
import dev.llmcache.web.EntityTags;
import dev.llmcache.web.FieldError;
import dev.llmcache.web.InvalidRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The pricing table in force: read it, price a write before making it, and reload it without a restart. */
@RestController
@Tag(name = "Pricing", description = "Token prices used to cost new entries")
class PricingController {

    private static final String RANGE = "must be between 0 and " + TokenCounts.MAX_TOKENS;

    private final PricingTable pricing;
    private final PricingDocument document;
    private final PricingReloader reloader;

    PricingController(PricingTable pricing, PricingDocument document, PricingReloader reloader) {
        this.pricing = pricing;
        this.document = document;
        this.reloader = reloader;
    }

    @GetMapping(path = "/api/v1/pricing", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "getPricing", summary = "The pricing table in force",
            description = "US dollars per million tokens. Exact model names are tried first (case-insensitive), then the "
                    + "patterns in this order; the first row whose provider and model match prices a write. Cached-input and "
                    + "cache-write prices are shown as in force (the input price where a row sets none). asOf is the catalogue's "
                    + "date for rows copied from a provider's price page, null for rows from configuration. A strong ETag "
                    + "(the SHA-256 of the answer) changes when a reload changes the table; If-None-Match with it answers 304.")
    @ApiResponse(responseCode = "200", description = "OK",
            headers = @Header(name = "ETag", description = "The SHA-256 of this answer, quoted.", schema = @Schema(type = "string")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, array = @ArraySchema(schema = @Schema(implementation = PriceRow.class))))
    @ApiResponse(responseCode = "304", description = "Not modified: If-None-Match named the current ETag (or *).", content = @Content)
    ResponseEntity<byte[]> pricing(@Parameter(description = "ETag(s) the client holds.")
            @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
        // The JSON is written once per table (PricingDocument). Spring would answer a matching ETag with a 304
        // itself, but not If-None-Match: *, which RFC 9110 (and GET of an entry) answers 304 too.
        PricingDocument.Rendered table = document.current();
        if (EntityTags.matches(ifNoneMatch, table.etag())) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(table.etag()).build();
        }
        return ResponseEntity.ok().eTag(table.etag()).contentType(MediaType.APPLICATION_JSON).body(table.json());
    }

    @GetMapping(path = "/api/v1/pricing/quote", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "quotePrice", summary = "What a store with these figures would cost",
            description = "Prices the token counts as a store would, with the table in force, and names the row that "
                    + "matched. inputTokens counts only the uncached input. With any of the four counts the cost is exact "
                    + "(missing counts are 0); with only tokensUsed it is estimated as half input, half output; with no "
                    + "tokens it is 0. Costs already stored never change: use this to see what a corrected price does to "
                    + "new writes.")
    @ApiResponse(responseCode = "200", description = "The cost and the row that priced it.")
    QuoteResponse quote(
            @Parameter(description = "The provider, as a store would send it (1 to 64 characters).", example = "openai", required = true)
            @RequestParam(required = false) String provider,
            @Parameter(description = "The model, as a store would send it (1 to 128 characters).", example = "gpt-4o", required = true)
            @RequestParam(required = false) String model,
            @Parameter(description = "Uncached input tokens, 0 to 10^12.", example = "1000")
            @RequestParam(required = false) Long inputTokens,
            @Parameter(description = "Output tokens (reasoning included), 0 to 10^12.", example = "500")
            @RequestParam(required = false) Long outputTokens,
            @Parameter(description = "Input tokens read from the provider's prompt cache, 0 to 10^12.")
            @RequestParam(required = false) Long cachedInputTokens,
            @Parameter(description = "Input tokens written to the provider's prompt cache, 0 to 10^12.")
            @RequestParam(required = false) Long cacheWriteTokens,
            @Parameter(description = "The total, used only when none of the four counts is given (half input, half output), 0 to 10^12.")
            @RequestParam(required = false) Long tokensUsed) {
        List<FieldError> errors = new ArrayList<>();
        text(errors, "provider", provider, 64);
        text(errors, "model", model, 128);
        count(errors, "inputTokens", inputTokens);
        count(errors, "outputTokens", outputTokens);
        count(errors, "cachedInputTokens", cachedInputTokens);
        count(errors, "cacheWriteTokens", cacheWriteTokens);
        count(errors, "tokensUsed", tokensUsed);
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        TokenCounts counts = new TokenCounts(inputTokens, outputTokens, cachedInputTokens, cacheWriteTokens, tokensUsed);
        return QuoteResponse.of(pricing.quote(provider, model, counts));
    }

    @PostMapping(path = "/api/v1/admin/pricing/reload", produces = MediaType.APPLICATION_JSON_VALUE)
    @Audited("pricing-reload")
    @Operation(operationId = "reloadPricing", summary = "Re-read the pricing configuration (admin of all namespaces)",
            description = "Reads the configuration files the server was started with again (the packaged config/pricing.yml, "
                    + "config/application.yml, files given by spring.config.import or spring.config.location), validates "
                    + "cache.pricing as at start-up and puts the new table in force for the writes that follow. Costs "
                    + "already stored never change. An invalid file is refused with a 400 naming the row at fault "
                    + "(errors[].field such as models[3].inputPerMillion) and the table in force stays.")
    @ApiResponse(responseCode = "200", description = "The table now in force.")
    List<PriceRow> reload(Principal principal) {
        return reloader.reload(principal == null ? "anonymous" : principal.getName()).stream().map(PriceRow::of).toList();
    }

    private static void text(List<FieldError> errors, String field, String value, int maxLength) {
        if (value == null) {
            errors.add(new FieldError(field, "is required"));
        } else if (value.isBlank()) {
            errors.add(new FieldError(field, "must not be blank"));
        } else if (value.length() > maxLength) {
            errors.add(new FieldError(field, "must be at most " + maxLength + " characters"));
        }
    }

    private static void count(List<FieldError> errors, String field, Long value) {
        if (value != null && (value < 0 || value > TokenCounts.MAX_TOKENS)) {
            errors.add(new FieldError(field, RANGE));
        }
    }
}
