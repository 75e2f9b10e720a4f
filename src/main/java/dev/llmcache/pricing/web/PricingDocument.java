package dev.llmcache.pricing.web;

import dev.llmcache.pricing.PricingProperties;
import dev.llmcache.pricing.PricingTable;
import dev.llmcache.support.Sha256;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The pricing table as {@code GET /api/v1/pricing} answers it, serialised once per table in force
 * rather than once per request: the catalogue is some 16 kB of JSON, and writing it took about half
 * of that endpoint's CPU (docs/performance.md, change 9). A reload puts a new table in force, which
 * the next request notices by identity and serialises again.
 */
@Component
class PricingDocument {

    /** The JSON of one table and its strong ETag (the SHA-256 of those bytes, quoted). */
    record Rendered(List<PricingProperties.Row> rows, byte[] json, String etag) {
    }

    private final PricingTable pricing;
    private final JsonMapper mapper;
    // Two threads may render the same new table at once after a reload; both results are equal.
    private volatile Rendered current;

    PricingDocument(PricingTable pricing, JsonMapper mapper) {
        this.pricing = pricing;
        this.mapper = mapper;
    }

    /** The table in force, rendered. */
    Rendered current() {
        List<PricingProperties.Row> rows = pricing.rows();
        Rendered rendered = current;
        if (rendered == null || rendered.rows() != rows) {
            byte[] json = mapper.writeValueAsBytes(rows.stream().map(PriceRow::of).toList());
            rendered = new Rendered(rows, json, "\"" + Sha256.hex(json) + "\"");
            current = rendered;
        }
        return rendered;
    }
}
