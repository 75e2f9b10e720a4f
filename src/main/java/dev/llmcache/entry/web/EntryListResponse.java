package dev.llmcache.entry.web;

import dev.llmcache.entry.EntryMetadata;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** One page of the listing. */
@Schema(name = "EntryList")
record EntryListResponse(
        @Schema(description = "Entries, newest first.") List<EntryMetadata> items,
        @Schema(description = "Pass as after= for the next page; null on the last page.", nullable = true,
                example = "MTc2MzcxMzMwMDAwMDo0Mg") String next) {
}
