package dev.llmcache.lookup.web;

import dev.llmcache.entry.KeyFactors;
import dev.llmcache.entry.Patterns;
import dev.llmcache.entry.web.ContentOrFileHash;
import dev.llmcache.entry.web.FileContent;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A lookup by the key's factors: the server computes the key. */
@Schema(name = "LookupRequest", description = "The factors of a cache key. Send content or fileHash.")
@ContentOrFileHash
record LookupRequest(
        @Schema(description = "The kind of analysis.", example = "refactor", requiredMode = Schema.RequiredMode.REQUIRED, pattern = Patterns.CACHE_TYPE)
        @NotNull(message = "is required")
        @Patterns.CacheType String cacheType,

        @Schema(description = "The model.", example = "grok-beta", requiredMode = Schema.RequiredMode.REQUIRED)
        @NotBlank(message = "is required")
        @Size(max = 128, message = "must be 1 to 128 characters") @Patterns.NoNul String model,

        @Schema(description = "The file's content; the server hashes it.", example = "fn main() {}") String content,

        @Schema(description = "Lowercase hex SHA-256 of the file's UTF-8 content.",
                example = "ef32637cb9c3ec2e3968c9cbdf26a5e9c172be94f88af533e14bd43f892d5297", pattern = Patterns.SHA256)
        @Patterns.Sha256 String fileHash,

        @Schema(description = "Hash of the prompt template.", example = "", defaultValue = "")
        @Size(max = 128, message = "must be at most 128 characters") @Patterns.NoNul String promptHash,

        @Schema(description = "Version of the result's schema.", example = "1", defaultValue = "1", minimum = "1")
        @Min(value = 1, message = "must be >= 1") Integer schemaVersion) implements ContentOrFileHash.Named {

    KeyFactors factors() {
        FileContent file = FileContent.resolve(content, fileHash, null);
        return new KeyFactors(cacheType, model, file.fileHash(), promptHash == null ? "" : promptHash,
                schemaVersion == null ? 1 : schemaVersion);
    }
}
