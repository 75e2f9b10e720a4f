package dev.llmcache.entry.web;

import io.swagger.v3.oas.annotations.media.Schema;

/** How many entries a clear removed. */
@Schema(name = "ClearResponse")
record ClearResponse(@Schema(description = "Entries removed.", example = "42") long deleted) {
}
