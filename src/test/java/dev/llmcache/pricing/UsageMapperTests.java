package dev.llmcache.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The providers' usage objects, copied from their documentation (URLs beside each), mapped so that
 * inputTokens is the uncached input, and priced as the provider bills them.
 */
class UsageMapperTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static PricingTable table;

    @BeforeAll
    static void shippedTable() throws Exception {
        table = PricingTableTests.shippedTable();
    }

    private static TokenCounts map(String json) {
        return UsageMapper.map(JSON.readTree(json));
    }

    @Test
    void openAiChatCompletionWithCachedTokens() {
        // https://platform.openai.com/docs/guides/prompt-caching ("Requests usage"): prompt_tokens includes the cached tokens
        TokenCounts counts = map("""
                {"prompt_tokens": 2006, "completion_tokens": 300, "total_tokens": 2306,
                 "prompt_tokens_details": {"cached_tokens": 1920},
                 "completion_tokens_details": {"reasoning_tokens": 0, "accepted_prediction_tokens": 0,
                                               "rejected_prediction_tokens": 0}}""");
        assertThat(counts).isEqualTo(new TokenCounts(86L, 300L, 1920L, null, null));
        assertThat(counts.tokensUsed()).isEqualTo(2306L);
        // gpt-4o: 86 × $2.50 + 1920 × $1.25 + 300 × $10 (per million) = $0.005615
        Quote quote = table.quote("openai", "gpt-4o", counts);
        assertThat(quote.costUsd()).isEqualByComparingTo("0.005615");
        // the 1920 cached tokens at $1.25/M instead of $2.50/M saved $0.0024
        assertThat(Money.usd(quote.cacheSavingNanos())).isEqualByComparingTo("0.0024");
    }

    @Test
    void openAiChatCompletionObjectExample() {
        // https://platform.openai.com/docs/api-reference/chat/object (the example's usage)
        TokenCounts counts = map("""
                {"prompt_tokens": 19, "completion_tokens": 10, "total_tokens": 29,
                 "prompt_tokens_details": {"cached_tokens": 0, "audio_tokens": 0},
                 "completion_tokens_details": {"reasoning_tokens": 0, "audio_tokens": 0,
                                               "accepted_prediction_tokens": 0, "rejected_prediction_tokens": 0}}""");
        assertThat(counts).isEqualTo(new TokenCounts(19L, 10L, 0L, null, null));
    }

    @Test
    void openAiChatCompletionWithoutDetailsHasNoCachedCount() {
        TokenCounts counts = map("{\"prompt_tokens\": 9, \"completion_tokens\": 12, \"total_tokens\": 21}");
        assertThat(counts).isEqualTo(new TokenCounts(9L, 12L, null, null, null));
    }

    @Test
    void openAiResponsesApi() {
        // https://platform.openai.com/docs/api-reference/responses/object (the example's usage)
        TokenCounts counts = map("""
                {"input_tokens": 36, "input_tokens_details": {"cached_tokens": 0}, "output_tokens": 87,
                 "output_tokens_details": {"reasoning_tokens": 0}, "total_tokens": 123}""");
        assertThat(counts).isEqualTo(new TokenCounts(36L, 87L, 0L, null, null));
    }

    @Test
    void xaiChatCompletionsAndResponsesWithCachedTokens() {
        // https://docs.x.ai/developers/advanced-api-usage/prompt-caching/usage-and-pricing (both examples)
        TokenCounts chat = map("""
                {"prompt_tokens": 125, "completion_tokens": 48, "total_tokens": 173,
                 "prompt_tokens_details": {"text_tokens": 125, "audio_tokens": 0, "image_tokens": 0, "cached_tokens": 98},
                 "completion_tokens_details": {"reasoning_tokens": 0, "audio_tokens": 0,
                                               "accepted_prediction_tokens": 0, "rejected_prediction_tokens": 0}}""");
        TokenCounts responses = map("""
                {"input_tokens": 125, "output_tokens": 48, "total_tokens": 173,
                 "input_tokens_details": {"cached_tokens": 98}, "output_tokens_details": {"reasoning_tokens": 0}}""");
        assertThat(chat).isEqualTo(new TokenCounts(27L, 48L, 98L, null, null)).isEqualTo(responses);
        // grok-4: 27 × $3 + 98 × $0.75 + 48 × $15 (per million) = $0.0008745
        assertThat(table.quote("xai", "grok-4", chat).costUsd()).isEqualByComparingTo("0.0008745");
    }

    @Test
    void xaiReasoningTokensInsideOrBesideTheCompletionAreCountedOnce() {
        // A grok-4 answer relayed by https://doc.302.ai/api-263332597: the total shows reasoning inside
        // completion_tokens (686 + 123 = 809); the relay also added fields of other shapes, which are ignored.
        TokenCounts inside = map("""
                {"prompt_tokens": 686, "completion_tokens": 123, "total_tokens": 809,
                 "prompt_tokens_details": {"cached_tokens": 679, "text_tokens": 686, "audio_tokens": 0, "image_tokens": 0},
                 "completion_tokens_details": {"text_tokens": 11, "audio_tokens": 0, "reasoning_tokens": 112},
                 "input_tokens": 0, "output_tokens": 0, "input_tokens_details": null,
                 "claude_cache_creation_5_m_tokens": 0, "claude_cache_creation_1_h_tokens": 0}""");
        assertThat(inside).isEqualTo(new TokenCounts(7L, 123L, 679L, null, null));
        // grok-3-mini reports reasoning beside the completion (37 + 530 + 233 = 800): billed as output too
        TokenCounts beside = map("""
                {"prompt_tokens": 37, "completion_tokens": 530, "total_tokens": 800,
                 "completion_tokens_details": {"reasoning_tokens": 233}}""");
        assertThat(beside).isEqualTo(new TokenCounts(37L, 763L, null, null, null));
    }

    @Test
    void anthropicMessagesCountCacheReadsAndWritesBesideTheInput() {
        // https://docs.squared.ai/activation/ai-ml-sources/anthropic-model (a claude-3-7-sonnet answer)
        assertThat(map("""
                {"input_tokens": 10, "cache_creation_input_tokens": 0, "cache_read_input_tokens": 0, "output_tokens": 41}"""))
                .isEqualTo(new TokenCounts(10L, 41L, 0L, 0L, null));
        // https://apis.io/examples/claude/claude-messages-usage-example/ (Anthropic's usage object, every field set)
        TokenCounts counts = map("""
                {"input_tokens": 10, "output_tokens": 10, "cache_creation_input_tokens": 10, "cache_read_input_tokens": 10}""");
        assertThat(counts).isEqualTo(new TokenCounts(10L, 10L, 10L, 10L, null));
        assertThat(counts.tokensUsed()).isEqualTo(40L);
        // input_tokens excludes the cache: nothing is subtracted
        assertThat(map("{\"input_tokens\": 2095, \"output_tokens\": 503, \"cache_read_input_tokens\": 5000}"))
                .isEqualTo(new TokenCounts(2095L, 503L, 5000L, null, null));
    }

    @Test
    void anthropicCachingMatchesAPublishedBill() {
        // https://wandb.ai/wandb/compare-claude-caching/weave/evaluations ("Cached Sonnet", total cost shown: $0.84):
        // 150,612 tokens written to the cache, 753,060 read from it, 3,699 input and 2,725 output tokens.
        TokenCounts cachedSonnet = map("""
                {"input_tokens": 3699, "output_tokens": 2725, "cache_creation_input_tokens": 150612,
                 "cache_read_input_tokens": 753060}""");
        assertThat(table.quote("anthropic", "claude-sonnet-4-5", cachedSonnet).costUsd()).isEqualByComparingTo("0.842685");
        // "Uncached Sonnet" on the same page: 908,434 input and 3,190 output tokens, $2.77
        TokenCounts uncached = map("{\"input_tokens\": 908434, \"output_tokens\": 3190}");
        assertThat(table.quote("anthropic", "claude-sonnet-4-5", uncached).costUsd()).isEqualByComparingTo("2.773152");
    }

    @Test
    void geminiUsageMetadata() {
        // https://ai.google.dev/api/tokens ("e.g., prompt_token_count: 11, candidates_token_count: 73, total_token_count: 84")
        assertThat(map("{\"promptTokenCount\": 11, \"candidatesTokenCount\": 73, \"totalTokenCount\": 84}"))
                .isEqualTo(new TokenCounts(11L, 73L, null, null, null));
    }

    @Test
    void geminiCountsCachedContentInsideThePromptAndThoughtsAsOutput() {
        // Fields as https://ai.google.dev/api/generate-content#UsageMetadata defines them: promptTokenCount includes
        // cachedContentTokenCount; the total is prompt + candidates + tool-use prompt + thoughts.
        TokenCounts counts = map("""
                {"promptTokenCount": 12000, "cachedContentTokenCount": 10000, "candidatesTokenCount": 300,
                 "thoughtsTokenCount": 700, "toolUsePromptTokenCount": 50, "totalTokenCount": 13050,
                 "promptTokensDetails": [{"modality": "TEXT", "tokenCount": 12000}]}""");
        assertThat(counts).isEqualTo(new TokenCounts(2050L, 1000L, 10000L, null, null));
        assertThat(counts.tokensUsed()).isEqualTo(13050L);
        // gemini-2.5-pro: 2050 × $1.25 + 10000 × $0.125 + 1000 × $10 (per million) = $0.0138125
        assertThat(table.quote("google", "gemini-2.5-pro", counts).costUsd()).isEqualByComparingTo("0.0138125");
    }

    @Test
    void unknownShapesAreRefusedNamingTheShapesAccepted() {
        for (String json : new String[] {"{}", "{\"tokens\": 5}", "{\"prompt_tokens\": null}", "[1]", "5", "\"usage\"", "null"}) {
            assertThatThrownBy(() -> map(json)).as(json).isInstanceOfSatisfying(UnknownUsageShapeException.class, e -> {
                assertThat(e.field()).isEqualTo("usage");
                assertThat(e.getStatusCode().value()).isEqualTo(400);
            }).hasMessageContaining("prompt_tokens").hasMessageContaining("input_tokens_details")
                    .hasMessageContaining("cache_read_input_tokens").hasMessageContaining("promptTokenCount");
        }
        assertThatThrownBy(() -> UsageMapper.map(null)).isInstanceOf(UnknownUsageShapeException.class);
    }

    @Test
    void countsThatAreNotBoundedWholeNumbersAreRefusedNamingThePath() {
        assertRefused("{\"prompt_tokens\": -1, \"completion_tokens\": 1}", "usage.prompt_tokens");
        assertRefused("{\"prompt_tokens\": 1.5, \"completion_tokens\": 1}", "usage.prompt_tokens");
        assertRefused("{\"prompt_tokens\": \"12\", \"completion_tokens\": 1}", "usage.prompt_tokens");
        assertRefused("{\"input_tokens\": 1, \"output_tokens\": 1e400}", "usage.output_tokens");
        assertRefused("{\"input_tokens\": 1, \"output_tokens\": 1000000000001}", "usage.output_tokens");
        assertRefused("{\"promptTokenCount\": 5, \"cachedContentTokenCount\": 6}", "usage.cachedContentTokenCount");
        assertRefused("{\"prompt_tokens\": 5, \"prompt_tokens_details\": {\"cached_tokens\": 9}}",
                "usage.prompt_tokens_details.cached_tokens");
    }

    @Test
    void explicitFieldsWinOverTheMappedUsage() {
        TokenCounts usage = map("{\"input_tokens\": 100, \"output_tokens\": 50, \"cache_read_input_tokens\": 400}");
        TokenCounts explicit = new TokenCounts(120L, null, null, null, null);
        assertThat(explicit.over(usage)).isEqualTo(new TokenCounts(120L, 50L, 400L, null, null));
    }

    private static void assertRefused(String json, String field) {
        assertThatThrownBy(() -> map(json)).as(json)
                .isInstanceOfSatisfying(InvalidTokenCountException.class, e -> assertThat(e.field()).isEqualTo(field));
    }
}
