package dev.llmcache.entry.web;

import dev.llmcache.entry.Patterns;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import tools.jackson.databind.JsonNode;

/** The body of {@code POST /api/v1/entries}. */
@Schema(name = "StoreEntryRequest", description = "A result to store. Send content or fileHash (or both, if they agree).")
record StoreEntryRequest(
        @Schema(description = "The kind of analysis.", example = "refactor", requiredMode = Schema.RequiredMode.REQUIRED)
        @NotNull(message = "is required")
        @Pattern(regexp = Patterns.CACHE_TYPE, message = Patterns.CACHE_TYPE_MESSAGE) String cacheType,

        @Schema(description = "The repository the file was analysed in; stored, not part of the key.", example = "/home/ana/proj", defaultValue = "")
        @Size(max = 1024, message = "must be at most 1024 characters") String repoPath,

        @Schema(description = "The analysed file's path; stored, not part of the key.", example = "src/main.rs", requiredMode = Schema.RequiredMode.REQUIRED)
        @NotNull(message = "is required")
        @Size(min = 1, max = 1024, message = "must be 1 to 1024 characters") String filePath,

        @Schema(description = "The analysed file's content; the server hashes it (UTF-8) into fileHash.", example = "fn main() {}")
        String content,

        @Schema(description = "Lowercase hex SHA-256 of the file's UTF-8 content; required when content is not sent.",
                example = "ef32637cb9c3ec2e3968c9cbdf26a5e9c172be94f88af533e14bd43f892d5297")
        @Pattern(regexp = Patterns.SHA256, message = Patterns.SHA256_MESSAGE) String fileHash,

        @Schema(description = "The file's size in bytes; taken from content when content is sent.", example = "12")
        @PositiveOrZero(message = "must be >= 0") Long fileSize,

        @Schema(description = "The LLM provider; stored and used for pricing, not part of the key.", example = "xai", requiredMode = Schema.RequiredMode.REQUIRED)
        @NotBlank(message = "is required")
        @Size(max = 64, message = "must be 1 to 64 characters") String provider,

        @Schema(description = "The model that produced the result.", example = "grok-beta", requiredMode = Schema.RequiredMode.REQUIRED)
        @NotBlank(message = "is required")
        @Size(max = 128, message = "must be 1 to 128 characters") String model,

        @Schema(description = "Hash of the prompt template.", example = "9f2c1a7be0d34c55", defaultValue = "")
        @Size(max = 128, message = "must be at most 128 characters") String promptHash,

        @Schema(description = "Version of the result's schema.", example = "1", defaultValue = "1", minimum = "1")
        @Min(value = 1, message = "must be >= 1") Integer schemaVersion,

        @Schema(description = "The analysis result: any JSON value except null.", requiredMode = Schema.RequiredMode.REQUIRED,
                example = "{\"code_smells\": [], \"complexity_score\": 50.0}")
        @NotNull(message = "is required") JsonNode result,

        @Schema(description = "Tokens the analysis cost; defaults to inputTokens + outputTokens.", example = "5420")
        @PositiveOrZero(message = "must be >= 0") @Max(value = MAX_TOKENS, message = TOKENS_LIMIT) Long tokensUsed,

        @Schema(description = "Input (prompt) tokens; with outputTokens the cost is exact.", example = "4000")
        @PositiveOrZero(message = "must be >= 0") @Max(value = MAX_TOKENS, message = TOKENS_LIMIT) Long inputTokens,

        @Schema(description = "Output (completion) tokens.", example = "1420")
        @PositiveOrZero(message = "must be >= 0") @Max(value = MAX_TOKENS, message = TOKENS_LIMIT) Long outputTokens) {

    /** At most 10^12 tokens of each kind per entry ({@code TokenCounts.MAX_TOKENS}): costs and sums stay exact. */
    static final long MAX_TOKENS = 1_000_000_000_000L;
    static final String TOKENS_LIMIT = "must be <= 1000000000000 (10^12 tokens per entry)";
}
