package dev.llmcache.entry.web;

import dev.llmcache.entry.Patterns;
import dev.llmcache.pricing.TokenCounts;
import dev.llmcache.web.SchemaCorrections;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import tools.jackson.databind.JsonNode;

/** The body of {@code POST /api/v1/entries}. */
@Schema(name = "StoreEntryRequest", description = "A result to store. Send content or fileHash (or both, if they agree).")
@ContentOrFileHash
record StoreEntryRequest(
        @Schema(description = "The kind of analysis.", example = "refactor", requiredMode = Schema.RequiredMode.REQUIRED, pattern = Patterns.CACHE_TYPE)
        @NotNull(message = "is required")
        @Patterns.CacheType String cacheType,

        @Schema(description = "The repository the file was analysed in; stored, not part of the key.", example = "/home/ana/proj", defaultValue = "")
        @Size(max = 1024, message = "must be at most 1024 characters") @Patterns.NoNul String repoPath,

        @Schema(description = "The analysed file's path; stored, not part of the key.", example = "src/main.rs", requiredMode = Schema.RequiredMode.REQUIRED)
        @NotNull(message = "is required")
        @Size(min = 1, max = 1024, message = "must be 1 to 1024 characters") @Patterns.NoNul String filePath,

        @Schema(description = "The analysed file's content; the server hashes it (UTF-8) into fileHash.", example = "fn main() {}")
        String content,

        @Schema(description = "Lowercase hex SHA-256 of the file's UTF-8 content; required when content is not sent.",
                example = "ef32637cb9c3ec2e3968c9cbdf26a5e9c172be94f88af533e14bd43f892d5297", pattern = Patterns.SHA256)
        @Patterns.Sha256 String fileHash,

        @Schema(description = "The file's size in bytes; taken from content when content is sent.", example = "12")
        @PositiveOrZero(message = "must be >= 0") Long fileSize,

        @Schema(description = "The LLM provider; stored and used for pricing, not part of the key.", example = "xai", requiredMode = Schema.RequiredMode.REQUIRED, minLength = 1)
        @NotBlank(message = "is required")
        @Size(max = 64, message = "must be 1 to 64 characters") @Patterns.NoNul String provider,

        @Schema(description = "The model that produced the result.", example = "grok-beta", requiredMode = Schema.RequiredMode.REQUIRED, minLength = 1)
        @NotBlank(message = "is required")
        @Size(max = 128, message = "must be 1 to 128 characters") @Patterns.NoNul String model,

        @Schema(description = "Hash of the prompt template.", example = "9f2c1a7be0d34c55", defaultValue = "")
        @Size(max = 128, message = "must be at most 128 characters") @Patterns.NoNul String promptHash,

        @Schema(description = "Version of the result's schema.", example = "1", defaultValue = "1", minimum = "1")
        @Min(value = 1, message = "must be >= 1") Integer schemaVersion,

        @Schema(description = SchemaCorrections.ANY_JSON + " except null: the analysis result.", requiredMode = Schema.RequiredMode.REQUIRED,
                example = "{\"code_smells\": [], \"complexity_score\": 50.0}")
        @NotNull(message = "is required") JsonNode result,

        @Schema(description = "Tokens the analysis cost; when not sent, the sum of inputTokens, outputTokens, cachedInputTokens "
                + "and cacheWriteTokens (0 when none is known). Alone, it prices the write as an estimate: half input, half output.",
                example = "5420", maximum = MAX)
        @PositiveOrZero(message = "must be >= 0") @Max(value = TokenCounts.MAX_TOKENS, message = MAX_MESSAGE) Long tokensUsed,

        @Schema(description = "Uncached input (prompt) tokens; with any of the four counts the cost is exact.", example = "4000", maximum = MAX)
        @PositiveOrZero(message = "must be >= 0") @Max(value = TokenCounts.MAX_TOKENS, message = MAX_MESSAGE) Long inputTokens,

        @Schema(description = "Output (completion) tokens, reasoning tokens included.", example = "1420", maximum = MAX)
        @PositiveOrZero(message = "must be >= 0") @Max(value = TokenCounts.MAX_TOKENS, message = MAX_MESSAGE) Long outputTokens,

        @Schema(description = "Input tokens read from the provider's prompt cache, priced at the cached-input price.",
                example = "0", maximum = MAX)
        @PositiveOrZero(message = "must be >= 0") @Max(value = TokenCounts.MAX_TOKENS, message = MAX_MESSAGE) Long cachedInputTokens,

        @Schema(description = "Input tokens written to the provider's prompt cache, priced at the cache-write price.",
                example = "0", maximum = MAX)
        @PositiveOrZero(message = "must be >= 0") @Max(value = TokenCounts.MAX_TOKENS, message = MAX_MESSAGE) Long cacheWriteTokens,

        @Schema(description = "The usage object of the provider's answer, exactly as returned: OpenAI or xAI chat completions "
                + "(prompt_tokens, completion_tokens, prompt_tokens_details.cached_tokens), the OpenAI Responses API "
                + "(input_tokens, output_tokens, input_tokens_details.cached_tokens), Anthropic messages (input_tokens, "
                + "output_tokens, cache_creation_input_tokens, cache_read_input_tokens) or Google Gemini usageMetadata "
                + "(promptTokenCount, candidatesTokenCount, cachedContentTokenCount, thoughtsTokenCount). Mapped so that "
                + "inputTokens is the uncached input; the explicit fields above win, field by field. Any other shape is a 400.",
                types = {"object", "null"},
                example = "{\"prompt_tokens\": 2006, \"completion_tokens\": 300, \"total_tokens\": 2306, "
                        + "\"prompt_tokens_details\": {\"cached_tokens\": 1920}}")
        JsonNode usage) implements ContentOrFileHash.Named {

    private static final String MAX = "1000000000000";
    private static final String MAX_MESSAGE = "must be between 0 and " + MAX;
}
