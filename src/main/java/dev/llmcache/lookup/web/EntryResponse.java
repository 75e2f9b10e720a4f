package dev.llmcache.lookup.web;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.llmcache.entry.EntryMetadata;
import dev.llmcache.lookup.ServedEntry;
import dev.llmcache.web.SchemaCorrections;
import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.annotation.JsonSerialize;

/** An entry's metadata and its result, as a hit returns it. */
@Schema(name = "Entry", description = "A stored result with its metadata.")
record EntryResponse(
        @JsonUnwrapped EntryMetadata metadata,
        @Schema(description = SchemaCorrections.ANY_JSON + ": the stored result, semantically equal to what was sent.",
                example = "{\"code_smells\": [], \"complexity_score\": 50.0}")
        @JsonSerialize(using = RawJson.class) byte[] result) {

    static EntryResponse of(ServedEntry served) {
        return new EntryResponse(served.metadata(), served.resultJson());
    }
}
