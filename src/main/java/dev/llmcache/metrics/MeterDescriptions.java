package dev.llmcache.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Gives a description to every meter registered without one, so that each metric family of the
 * exposition has a HELP line and {@code promtool check metrics} finds nothing to lint. Spring's
 * own HTTP timers get a real sentence; anything else a sentence naming the meter.
 */
@Component
class MeterDescriptions implements MeterFilter {

    private static final Map<String, String> KNOWN = Map.of(
            "http.server.requests", "Duration of HTTP server request handling, by route template (uri), method and status",
            "http.server.requests.active", "HTTP server requests in progress",
            "http.client.requests", "Duration of HTTP client requests");

    @Override
    public Meter.Id map(Meter.Id id) {
        if (id.getDescription() != null && !id.getDescription().isBlank() || id.syntheticAssociation() != null) {
            return id;
        }
        String description = KNOWN.getOrDefault(id.getName(), "Meter " + id.getName() + " (its source gives no description)");
        return new Meter.Id(id.getName(), Tags.of(id.getTagsAsIterable()), id.getBaseUnit(), description, id.getType());
    }
}
