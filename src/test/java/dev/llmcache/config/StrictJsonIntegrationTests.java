package dev.llmcache.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcache.support.ApiClient;
import dev.llmcache.support.IntegrationTestSupport;
import dev.llmcache.support.SqliteIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Stored exactly as sent (issue 14, item 10): a number no double can carry and a key sent twice are
 * refused with a 400 that says where, and nothing is stored; numbers a double can carry come back
 * as they were sent.
 */
@SqliteIntegrationTest
class StrictJsonIntegrationTests extends IntegrationTestSupport {

    private static final String ENTRY = """
            {"cacheType": "refactor", "filePath": "src/a.rs", "content": "fn a() {}", "provider": "xai", "model": "grok-beta",
             "tokensUsed": 10, "result": %s}""";

    @ParameterizedTest
    @ValueSource(strings = {"1e400", "-1e400", "{\"x\": 1e400}", "{\"x\": [1, {\"y\": -1E+400}]}", "{\"x\": 1e-400}", "[2.5e-400]",
            "{\"x\": 1e309}"})
    void numberNoDoubleCanCarryIsRefusedNamingResultWithLineAndColumn(String result) {
        ApiClient.Response refused = api.post("/api/v1/entries", ENTRY.formatted(result));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.json().get("errors").get(0).get("field").asString()).isEqualTo("result");
        assertThat(refused.json().get("detail").asString()).contains("does not fit a JSON number").contains("at line 2, column");
        assertThat(api.get("/api/v1/stats").json().get("totalEntries").asLong()).isZero();
        assertThat(api.get("/api/v1/budget").json().get("spentUsd").decimalValue()).isZero();
    }

    @Test
    void keySentTwiceIsRefusedWithLineAndColumn() {
        ApiClient.Response topLevel = api.post("/api/v1/entries",
                ENTRY.formatted("{}").replace("\"cacheType\": \"refactor\"", "\"cacheType\": \"refactor\", \"cacheType\": \"docs\""));
        ApiClient.Response inResult = api.post("/api/v1/entries", ENTRY.formatted("{\"a\": 1, \"b\": {\"c\": 1, \"c\": 2}}"));

        assertThat(topLevel.status()).isEqualTo(400);
        assertThat(topLevel.json().get("detail").asString()).contains("Duplicate").contains("\"cacheType\"").contains("line 1, column");
        assertThat(inResult.status()).isEqualTo(400);
        assertThat(inResult.json().get("detail").asString()).contains("Duplicate").contains("\"c\"").contains("(in result)");
        assertThat(api.get("/api/v1/stats").json().get("totalEntries").asLong()).isZero();
    }

    @Test
    void numbersADoubleCanCarryAreServedAsSent() {
        String result = "{\"max\": 1.7976931348623157E308, \"min\": 4.9E-324, \"zero\": 0.0, \"negativeZeroExponent\": 0e10,"
                + " \"big\": 123456789012345678901234567890, \"small\": -1.5}";
        ApiClient.Response stored = api.post("/api/v1/entries", ENTRY.formatted(result));
        assertThat(stored.status()).isEqualTo(201);

        ApiClient.Response served = api.get("/api/v1/entries/" + stored.json().get("cacheKey").asString());
        assertThat(served.json().get("result").get("max").doubleValue()).isEqualTo(Double.MAX_VALUE);
        assertThat(served.json().get("result").get("min").doubleValue()).isEqualTo(Double.MIN_VALUE);
        assertThat(served.json().get("result").get("big").bigIntegerValue()).hasToString("123456789012345678901234567890");
        assertThat(served.body()).doesNotContain("Infinity");
    }

    @Test
    void doubleFieldOutOfRangeIsRefusedNamingTheField() {
        ApiClient.Response refused = api.put("/api/v1/budget", "{\"monthlyBudgetUsd\": 5, \"warningThreshold\": 1e400}");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("errors").get(0).get("field").asString()).isEqualTo("warningThreshold");
        assertThat(api.get("/api/v1/budget").json().get("monthlyBudgetUsd").decimalValue()).isEqualByComparingTo("3");
    }

    @Test
    void brokenJsonAndHugeIntegersAreRefusedInWordsWithoutJacksonsPointers() {
        ApiClient.Response truncated = api.post("/api/v1/entries", ENTRY.formatted("{\"a\": 1").replace("}", ""));
        ApiClient.Response huge = api.post("/api/v1/entries", ENTRY.formatted("{}").replace("\"tokensUsed\": 10",
                "\"tokensUsed\": 99999999999999999999999"));

        assertThat(truncated.status()).isEqualTo(400);
        assertThat(truncated.json().get("detail").asString()).contains("not valid JSON").contains("Unexpected end-of-input")
                .doesNotContain("Source").doesNotContain("REDACTED").doesNotContain("#UNKNOWN").doesNotContain("start marker");
        assertThat(huge.status()).isEqualTo(400);
        assertThat(huge.json().get("errors").get(0).get("field").asString()).isEqualTo("tokensUsed");
        assertThat(huge.json().get("detail").asString()).contains("too large").contains("line 2, column")
                .doesNotContain("`long`").doesNotContain("9223372036854775807");
        assertThat(api.get("/api/v1/stats").json().get("totalEntries").asLong()).isZero();
    }
}
