package dev.llmcache.pricing.web;

import dev.llmcache.pricing.PricingProperties;
import dev.llmcache.pricing.PricingTable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The pricing table in force. */
@RestController
@Tag(name = "Pricing", description = "Token prices used to cost new entries")
class PricingController {

    private final PricingTable pricing;

    PricingController(PricingTable pricing) {
        this.pricing = pricing;
    }

    @GetMapping(path = "/api/v1/pricing", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "getPricing", summary = "The pricing table in force",
            description = "Rows in matching order: the first whose provider and model pattern match prices a write. US dollars per million tokens.")
    List<PricingProperties.Row> pricing() {
        return pricing.rows();
    }
}
