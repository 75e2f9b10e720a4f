package dev.llmcache.lookup.web;

import dev.llmcache.budget.BudgetService;
import dev.llmcache.entry.EntryKey;
import dev.llmcache.entry.EntryMetadata;
import dev.llmcache.entry.StoredEntry;
import dev.llmcache.lookup.LeasedLookups;
import dev.llmcache.lookup.LookupAnswer;
import dev.llmcache.lookup.LookupService;
import dev.llmcache.web.EntityTags;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The answer to {@code HEAD /api/v1/entries/{key}}: the status and headers a GET without
 * {@code lease=} or {@code wait=} would get at this moment, without the body and without counting a
 * hit or a miss (API.md: "the same headers as GET").
 *
 * <ul>
 *   <li>200 carries the ETag and the {@code Content-Length} of GET's answer (which counts itself as
 *       an access), computed from the metadata and the result's length; the stored result is
 *       checked as GET checks it, so a damaged one is a 404 here too;
 *   <li>304 when {@code If-None-Match} matches, as GET;
 *   <li>404 is GET's miss, problem and all ({@code Cache-Budget-Status}, and {@code Retry-After} when
 *       another client holds the key's lease): the container sends its headers and its length, not
 *       its body.
 * </ul>
 */
@Component
class HeadAnswers {

    private static final byte[] NO_RESULT = new byte[0];

    private final LookupService lookups;
    private final LeasedLookups leased;
    private final JsonMapper json;
    private final BudgetService budgets;
    private final Clock clock;

    HeadAnswers(LookupService lookups, LeasedLookups leased, JsonMapper json, BudgetService budgets, Clock clock) {
        this.lookups = lookups;
        this.leased = leased;
        this.json = json;
        this.budgets = budgets;
        this.clock = clock;
    }

    ResponseEntity<?> answer(String namespace, EntryKey key, String ifNoneMatch) {
        Optional<StoredEntry> entry = lookups.head(namespace, key);
        if (entry.isEmpty()) {
            Instant heldUntil = leased.leaseHeldUntil(namespace, key).orElse(null);
            LookupAnswer.Miss miss = new LookupAnswer.Miss(null, heldUntil, budgets.levelForMiss(namespace, false));
            return MissResponse.of(namespace, key.value(), miss, clock.instant());
        }
        StoredEntry found = entry.get();
        if (EntityTags.matches(ifNoneMatch, found.etag())) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(found.etag()).build();
        }
        return ResponseEntity.ok().eTag(found.etag()).contentType(MediaType.APPLICATION_JSON)
                .contentLength(getLength(found.metadata())).build();
    }

    /** The length of GET's answer: the metadata as GET writes it (its own access counted), and the result's bytes. */
    private long getLength(EntryMetadata metadata) {
        EntryMetadata asGetWouldSend = metadata.withAccesses(1, clock.instant().truncatedTo(ChronoUnit.MILLIS));
        return json.writeValueAsBytes(new EntryResponse(asGetWouldSend, NO_RESULT)).length + metadata.resultBytes();
    }
}
