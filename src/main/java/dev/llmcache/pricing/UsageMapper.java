package dev.llmcache.pricing;

import tools.jackson.databind.JsonNode;

/**
 * Reads the {@code usage} object of a provider's answer, exactly as the provider returned it, into
 * {@link TokenCounts} whose {@code inputTokens} is the uncached input. OpenAI's and Gemini's prompt
 * counts include their cached tokens, Anthropic's do not. A pure function: no state, no I/O.
 */
public final class UsageMapper {

    /** The shapes understood, as the 400 for any other shape lists them. */
    public static final String SHAPES = "OpenAI or xAI chat completions (prompt_tokens, completion_tokens, "
            + "prompt_tokens_details.cached_tokens), the OpenAI Responses API (input_tokens, output_tokens, "
            + "input_tokens_details.cached_tokens), Anthropic messages (input_tokens, output_tokens, "
            + "cache_creation_input_tokens, cache_read_input_tokens) or Google Gemini usageMetadata "
            + "(promptTokenCount, candidatesTokenCount, cachedContentTokenCount, thoughtsTokenCount)";

    private UsageMapper() {
    }

    /**
     * The token counts a usage object reports.
     *
     * @throws UnknownUsageShapeException when the object has none of the shapes in {@link #SHAPES}
     * @throws InvalidTokenCountException when a count is not a whole number from 0 to {@link TokenCounts#MAX_TOKENS},
     *         or the cached part exceeds the prompt it is part of (the field is named {@code usage.<path>})
     */
    public static TokenCounts map(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            throw new UnknownUsageShapeException("must be an object, the usage of a provider's answer: one of " + SHAPES);
        }
        Usage u = new Usage(usage);
        if (u.has("promptTokenCount") || u.has("candidatesTokenCount")) {
            return gemini(u);
        }
        if (u.has("prompt_tokens") || u.has("completion_tokens")) {
            return openAi(u, "prompt_tokens", "prompt_tokens_details", "completion_tokens", "completion_tokens_details");
        }
        if (u.has("input_tokens") || u.has("output_tokens")) {
            boolean responsesApi = u.has("input_tokens_details") || u.has("output_tokens_details") || u.has("total_tokens");
            return responsesApi
                    ? openAi(u, "input_tokens", "input_tokens_details", "output_tokens", "output_tokens_details")
                    : anthropic(u);
        }
        throw new UnknownUsageShapeException("has no shape the server understands; send one of " + SHAPES);
    }

    /**
     * Chat completions and the Responses API: the prompt count includes the cached tokens. OpenAI
     * counts reasoning tokens within the completion; some xAI models report them beside it, which
     * the total then shows (total = prompt + completion + reasoning), and they are added.
     */
    private static TokenCounts openAi(Usage u, String prompt, String promptDetails, String completion, String completionDetails) {
        Long promptTokens = u.count(prompt);
        Long cached = u.count(promptDetails + ".cached_tokens");
        Long output = u.count(completion);
        Long reasoning = u.count(completionDetails + ".reasoning_tokens");
        Long total = u.count("total_tokens");
        if (output != null && reasoning != null && reasoning > 0 && total != null && promptTokens != null
                && total == promptTokens + output + reasoning) {
            output += reasoning;
        }
        return new TokenCounts(u.uncached(promptTokens, cached, prompt, promptDetails + ".cached_tokens"), output, cached,
                null, null);
    }

    /** Anthropic messages: input_tokens excludes both the cache reads and the cache writes. */
    private static TokenCounts anthropic(Usage u) {
        return new TokenCounts(u.count("input_tokens"), u.count("output_tokens"), u.count("cache_read_input_tokens"),
                u.count("cache_creation_input_tokens"), null);
    }

    /**
     * Gemini usageMetadata: the prompt count includes the cached content; thoughts are billed as
     * output; tool-use prompt tokens are input beside the prompt (the total counts them separately).
     */
    private static TokenCounts gemini(Usage u) {
        Long prompt = u.count("promptTokenCount");
        Long cached = u.count("cachedContentTokenCount");
        Long toolUse = u.count("toolUsePromptTokenCount");
        Long input = u.uncached(prompt, cached, "promptTokenCount", "cachedContentTokenCount");
        if (toolUse != null) {
            input = (input == null ? 0 : input) + toolUse;
        }
        Long candidates = u.count("candidatesTokenCount");
        Long thoughts = u.count("thoughtsTokenCount");
        Long output = candidates == null && thoughts == null ? null
                : (candidates == null ? 0 : candidates) + (thoughts == null ? 0 : thoughts);
        return new TokenCounts(input, output, cached, null, null);
    }

    /** Reads counts by dotted path; absent and JSON null are unknown, anything but a bounded whole number is refused. */
    private record Usage(JsonNode node) {

        boolean has(String name) {
            JsonNode value = node.get(name);
            return value != null && !value.isNull();
        }

        Long count(String path) {
            JsonNode value = node;
            for (String name : path.split("\\.")) {
                value = value == null || !value.isObject() ? null : value.get(name);
            }
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0
                    || value.longValue() > TokenCounts.MAX_TOKENS) {
                throw new InvalidTokenCountException("usage." + path, "must be a whole number between 0 and " + TokenCounts.MAX_TOKENS);
            }
            return value.longValue();
        }

        Long uncached(Long prompt, Long cached, String promptPath, String cachedPath) {
            if (prompt == null || cached == null) {
                return prompt;
            }
            if (cached > prompt) {
                throw new InvalidTokenCountException("usage." + cachedPath, "must not exceed usage." + promptPath
                        + ", which includes the cached tokens");
            }
            return prompt - cached;
        }
    }
}
