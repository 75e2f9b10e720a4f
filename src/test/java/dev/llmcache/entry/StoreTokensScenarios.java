package dev.llmcache.entry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcache.support.ApiClient;
import dev.llmcache.support.IntegrationTestSupport;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Token counts of a store, sent as fields or as the provider's raw {@code usage}: what they cost
 * with the shipped catalogue (to the nano-dollar), what the metadata says, and what is refused.
 * Run on SQLite and on PostgreSQL.
 */
abstract class StoreTokensScenarios extends IntegrationTestSupport {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static Map<String, Object> priced(String content, String provider, String model) {
        Map<String, Object> entry = entry(content);
        entry.put("provider", provider);
        entry.put("model", model);
        entry.remove("tokensUsed");
        return entry;
    }

    private static Object json(String text) {
        return JSON.readValue(text, Object.class);
    }

    private JsonNode stored(Map<String, Object> entry) {
        ApiClient.Response response = api.post("/api/v1/entries", entry);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        JsonNode fetched = api.get(response.header("Location")).json();
        for (String field : new String[] {"tokensUsed", "inputTokens", "outputTokens", "cachedInputTokens",
                "cacheWriteTokens", "costUsd"}) {
            assertThat(fetched.get(field)).as("%s as stored", field).isEqualTo(response.json().get(field));
        }
        return response.json();
    }

    private static void assertTokens(JsonNode body, long used, Long input, Long output, Long cached, Long written) {
        assertThat(body.get("tokensUsed").asLong()).as("tokensUsed").isEqualTo(used);
        assertThat(nullable(body, "inputTokens")).as("inputTokens").isEqualTo(input);
        assertThat(nullable(body, "outputTokens")).as("outputTokens").isEqualTo(output);
        assertThat(nullable(body, "cachedInputTokens")).as("cachedInputTokens").isEqualTo(cached);
        assertThat(nullable(body, "cacheWriteTokens")).as("cacheWriteTokens").isEqualTo(written);
    }

    private static Long nullable(JsonNode body, String field) {
        return body.get(field).isNull() ? null : body.get(field).asLong();
    }

    @Test
    void anOpenAiUsageOfGpt4oCostsWhatOpenAiBillsCachedTokensIncluded() {
        Map<String, Object> entry = priced("a", "openai", "gpt-4o");
        // OpenAI's documented prompt-caching example: 2006 prompt tokens of which 1920 cached
        entry.put("usage", json("""
                {"prompt_tokens": 2006, "completion_tokens": 300, "total_tokens": 2306,
                 "prompt_tokens_details": {"cached_tokens": 1920, "audio_tokens": 0},
                 "completion_tokens_details": {"reasoning_tokens": 0, "audio_tokens": 0,
                   "accepted_prediction_tokens": 0, "rejected_prediction_tokens": 0}}"""));

        JsonNode body = stored(entry);

        // 86 × $2.50/M + 1920 × $1.25/M + 300 × $10/M = $0.000215 + $0.0024 + $0.003
        assertThat(body.get("costUsd").decimalValue()).isEqualByComparingTo("0.005615");
        assertTokens(body, 2306, 86L, 300L, 1920L, null);
    }

    @Test
    void anAnthropicUsageCountsCacheReadsAndWritesApartFromTheInput() {
        Map<String, Object> entry = priced("b", "anthropic", "claude-sonnet-4-5");
        entry.put("usage", json("""
                {"input_tokens": 1000, "cache_creation_input_tokens": 3000, "cache_read_input_tokens": 2000,
                 "output_tokens": 500, "service_tier": "standard"}"""));

        JsonNode body = stored(entry);

        // 1000 × $3 + 500 × $15 + 2000 × $0.30 + 3000 × $3.75, per million
        assertThat(body.get("costUsd").decimalValue()).isEqualByComparingTo("0.02235");
        assertTokens(body, 6500, 1000L, 500L, 2000L, 3000L);
    }

    @Test
    void aGeminiUsageMetadataCountsThoughtsAsOutputAndCachedContentApart() {
        Map<String, Object> entry = priced("c", "google", "gemini-2.5-flash");
        entry.put("usage", json("""
                {"promptTokenCount": 1000, "cachedContentTokenCount": 600, "candidatesTokenCount": 200,
                 "thoughtsTokenCount": 100, "totalTokenCount": 1300,
                 "promptTokensDetails": [{"modality": "TEXT", "tokenCount": 1000}]}"""));

        JsonNode body = stored(entry);

        // 400 × $0.30 + 600 × $0.03 + 300 × $2.50, per million
        assertThat(body.get("costUsd").decimalValue()).isEqualByComparingTo("0.000888");
        assertTokens(body, 1300, 400L, 300L, 600L, null);
    }

    @Test
    void anXaiUsageWithReasoningBesideTheCompletionCountsItAsOutput() {
        Map<String, Object> entry = priced("d", "xai", "grok-4");
        entry.put("usage", json("""
                {"prompt_tokens": 1000, "completion_tokens": 100, "total_tokens": 1300,
                 "prompt_tokens_details": {"text_tokens": 1000, "audio_tokens": 0, "image_tokens": 0, "cached_tokens": 800},
                 "completion_tokens_details": {"reasoning_tokens": 200, "audio_tokens": 0}}"""));

        JsonNode body = stored(entry);

        // 200 × $3 + 800 × $0.75 + 300 × $15, per million
        assertThat(body.get("costUsd").decimalValue()).isEqualByComparingTo("0.0057");
        assertTokens(body, 1300, 200L, 300L, 800L, null);
    }

    @Test
    void explicitFieldsWinOverTheUsageFieldByField() {
        Map<String, Object> entry = priced("e", "openai", "gpt-4o");
        entry.put("usage", json("""
                {"prompt_tokens": 2006, "completion_tokens": 300, "prompt_tokens_details": {"cached_tokens": 1920}}"""));
        entry.put("cachedInputTokens", 0);
        entry.put("tokensUsed", 7);

        JsonNode body = stored(entry);

        // 86 × $2.50 + 300 × $10, per million; the cached count sent wins over the usage's
        assertThat(body.get("costUsd").decimalValue()).isEqualByComparingTo("0.003215");
        assertTokens(body, 7, 86L, 300L, 0L, null);
    }

    @Test
    void onlyInputOnlyOutputOrOnlyCachedTokensArePricedAtTheirOwnPrice() {
        Map<String, Object> input = priced("f", "openai", "gpt-4o");
        input.put("inputTokens", 1000);
        Map<String, Object> output = priced("g", "openai", "gpt-4o");
        output.put("outputTokens", 1000);
        Map<String, Object> cached = priced("h", "openai", "gpt-4o");
        cached.put("cachedInputTokens", 1000);
        Map<String, Object> written = priced("i", "anthropic", "claude-sonnet-4-5");
        written.put("cacheWriteTokens", 1000);

        JsonNode inputOnly = stored(input);
        JsonNode outputOnly = stored(output);
        JsonNode cachedOnly = stored(cached);
        JsonNode writtenOnly = stored(written);

        assertThat(inputOnly.get("costUsd").decimalValue()).isEqualByComparingTo("0.0025");
        assertTokens(inputOnly, 1000, 1000L, null, null, null);
        assertThat(outputOnly.get("costUsd").decimalValue()).isEqualByComparingTo("0.01");
        assertTokens(outputOnly, 1000, null, 1000L, null, null);
        assertThat(cachedOnly.get("costUsd").decimalValue()).isEqualByComparingTo("0.00125");
        assertTokens(cachedOnly, 1000, null, null, 1000L, null);
        assertThat(writtenOnly.get("costUsd").decimalValue()).isEqualByComparingTo("0.00375");
        assertTokens(writtenOnly, 1000, null, null, null, 1000L);
    }

    @Test
    void theLargestCountsOfEveryKindArePricedExactly() {
        Map<String, Object> entry = priced("j", "openai", "gpt-4o");
        for (String field : new String[] {"inputTokens", "outputTokens", "cachedInputTokens", "cacheWriteTokens"}) {
            entry.put(field, 1_000_000_000_000L);
        }

        JsonNode body = stored(entry);

        // 10^6 million tokens of each kind at $2.50 + $10 + $1.25 + $2.50
        assertThat(body.get("costUsd").decimalValue()).isEqualByComparingTo("16250000");
        assertTokens(body, 4_000_000_000_000L, 1_000_000_000_000L, 1_000_000_000_000L, 1_000_000_000_000L,
                1_000_000_000_000L);
        assertThat(api.get("/api/v1/stats").json().get("promptCache").get("cachedInputTokens").asLong())
                .isEqualTo(1_000_000_000_000L);
    }

    @Test
    void aCountOverTheBoundIsRefusedWithTheFieldNamed() {
        for (String field : new String[] {"tokensUsed", "inputTokens", "outputTokens", "cachedInputTokens", "cacheWriteTokens"}) {
            Map<String, Object> entry = priced("k", "openai", "gpt-4o");
            entry.put(field, 1_000_000_000_001L);

            ApiClient.Response refused = api.post("/api/v1/entries", entry);

            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.json().get("errors").get(0).get("field").asString()).isEqualTo(field);
            assertThat(refused.json().get("errors").get(0).get("message").asString())
                    .isEqualTo("must be between 0 and 1000000000000");
        }
        Map<String, Object> usage = priced("k", "openai", "gpt-4o");
        usage.put("usage", Map.of("prompt_tokens", 1_000_000_000_001L, "completion_tokens", 1));
        ApiClient.Response refused = api.post("/api/v1/entries", usage);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("errors").get(0).get("field").asString()).isEqualTo("usage.prompt_tokens");
        assertThat(api.get("/api/v1/stats").json().get("totalEntries").asLong()).isZero();
    }

    @Test
    void aUsageOfNoKnownShapeIsRefusedWithTheShapesAccepted() {
        for (Object usage : new Object[] {Map.of("tokens", 12), "12", java.util.List.of(1, 2)}) {
            Map<String, Object> entry = priced("l", "openai", "gpt-4o");
            entry.put("usage", usage);

            ApiClient.Response refused = api.post("/api/v1/entries", entry);

            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
            JsonNode error = refused.json().get("errors").get(0);
            assertThat(error.get("field").asString()).isEqualTo("usage");
            assertThat(error.get("message").asString()).contains("prompt_tokens", "input_tokens",
                    "cache_read_input_tokens", "promptTokenCount");
        }
        Map<String, Object> cachedOverPrompt = priced("l", "openai", "gpt-4o");
        cachedOverPrompt.put("usage", json("""
                {"prompt_tokens": 10, "completion_tokens": 1, "prompt_tokens_details": {"cached_tokens": 11}}"""));
        ApiClient.Response refused = api.post("/api/v1/entries", cachedOverPrompt);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("errors").get(0).get("field").asString()).isEqualTo("usage.prompt_tokens_details.cached_tokens");
    }

    @Test
    void aNullUsageIsNoUsage() {
        Map<String, Object> entry = priced("m", "openai", "gpt-4o");
        entry.put("usage", null);
        entry.put("inputTokens", 1000);

        assertThat(stored(entry).get("costUsd").decimalValue()).isEqualByComparingTo("0.0025");
    }
}
