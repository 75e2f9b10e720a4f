package dev.llmcache.lookup.web;

import dev.llmcache.budget.BudgetService;
import dev.llmcache.entry.EntryMetadata;
import dev.llmcache.entry.StoredEntry;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The answer to {@code HEAD /api/v1/entries/{key}}: the headers GET would send, without the body and
 * without counting a hit or a miss. A 200 carries the ETag and the {@code Content-Length} of the
 * answer a GET would send at this moment (which counts itself as an access), computed from the
 * metadata and the result's stored length, without decompressing it; a 404 carries
 * {@code Cache-Budget-Status}, as a miss does.
 */
@Component
class HeadAnswers {

    private static final byte[] NO_RESULT = new byte[0];

    private final JsonMapper json;
    private final BudgetService budgets;
    private final Clock clock;

    HeadAnswers(JsonMapper json, BudgetService budgets, Clock clock) {
        this.json = json;
        this.budgets = budgets;
        this.clock = clock;
    }

    ResponseEntity<Void> answer(String namespace, Optional<StoredEntry> entry) {
        if (entry.isEmpty()) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .header(BudgetService.STATUS_HEADER, budgets.levelForMiss(namespace, false).name()).build();
        }
        StoredEntry found = entry.get();
        return ResponseEntity.ok().eTag(found.etag()).contentType(MediaType.APPLICATION_JSON)
                .contentLength(getLength(found.metadata())).build();
    }

    /** The length of GET's answer: the metadata as GET writes it (its own access counted), and the result's bytes. */
    private long getLength(EntryMetadata metadata) {
        EntryMetadata asGetWouldSend = metadata.withAccesses(1, clock.instant().truncatedTo(ChronoUnit.MILLIS));
        return json.writeValueAsBytes(new EntryResponse(asGetWouldSend, NO_RESULT)).length + metadata.resultBytes();
    }
}
