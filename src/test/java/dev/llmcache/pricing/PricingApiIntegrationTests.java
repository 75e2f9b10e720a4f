package dev.llmcache.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcache.support.ApiClient;
import dev.llmcache.support.IntegrationTestSupport;
import dev.llmcache.support.SqliteIntegrationTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The pricing endpoints on a running server whose table comes from an operator's file (a copy of
 * the shipped config/pricing.yml, imported with spring.config.import), with tokens configured.
 */
@SqliteIntegrationTest
@TestPropertySource(properties = {
        "spring.config.import=optional:file:target/pricing-api-test/pricing.yml",
        "cache.security.tokens[0].name=ci-reader",
        "cache.security.tokens[0].sha256=0328587016f9e316b9c31c94f944a2c453e1494a564062b5eab68039c75b58bf",
        "cache.security.tokens[0].role=READ",
        "cache.security.tokens[0].namespaces=team-a",
        "cache.security.tokens[1].name=ci-writer",
        "cache.security.tokens[1].sha256=ab893cb32670dc9e3bf2563af8d7487b88c279c5850c76f35d6eafa8fa34acf2",
        "cache.security.tokens[1].role=WRITE",
        "cache.security.tokens[1].namespaces=*",
        "cache.security.tokens[2].name=ops",
        "cache.security.tokens[2].sha256=10a4c7c9fc5206d6f36dc6944a81bb6f4a3cb0e25014ae3b12e6c3e52712292a",
        "cache.security.tokens[2].role=ADMIN",
        "cache.security.tokens[2].namespaces=*",
        "cache.security.tokens[3].name=team-admin",
        "cache.security.tokens[3].sha256=81427e3b09142d7ff3fc3626a13aeabbad13244ef8fbf48b326616954857d03a",
        "cache.security.tokens[3].role=ADMIN",
        "cache.security.tokens[3].namespaces=team-a"})
class PricingApiIntegrationTests extends IntegrationTestSupport {

    private static final Path FILE = Path.of("target/pricing-api-test/pricing.yml");
    private static final String SHIPPED;

    static {
        try {
            Files.createDirectories(FILE.getParent());
            SHIPPED = Files.readString(Path.of("config/pricing.yml"));
            Files.copy(Path.of("config/pricing.yml"), FILE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final String GPT_4O_ROW =
            "model-pattern: \"gpt-4o\", input-per-million: 2.50, output-per-million: 10.00, cached-input-per-million: 1.25";

    private ApiClient as(String token) {
        return new ApiClient(port).withHeaders("Authorization", "Bearer " + token, "X-Cache-Namespace", "team-a");
    }

    private JsonNode quote(String query) {
        ApiClient.Response response = as("read-token").get("/api/v1/pricing/quote?" + query);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    @Test
    void quotesTheContractsExamples() {
        assertThat(quote("provider=xai&model=grok-beta&tokensUsed=5000").get("costUsd").decimalValue()).isEqualByComparingTo("0.05");
        assertThat(quote("provider=openai&model=gpt-4&inputTokens=1000&outputTokens=500").get("costUsd").decimalValue())
                .isEqualByComparingTo("0.06");
        JsonNode gpt4o = quote("provider=openai&model=gpt-4o&inputTokens=1000&outputTokens=500");
        assertThat(gpt4o.get("costUsd").decimalValue()).isEqualByComparingTo("0.0075");
        assertThat(gpt4o.get("row").get("modelPattern").asString()).isEqualTo("gpt-4o");
        assertThat(gpt4o.get("row").get("cachedInputPerMillion").decimalValue()).isEqualByComparingTo("1.25");
        assertThat(gpt4o.get("row").get("asOf").asString()).isEqualTo("2026-09-01");
    }

    @Test
    void quotesCachedTokensAtTheirOwnPrices() {
        // claude-sonnet-4-5: 1000 × $3 + 500 × $15 + 2000 × $0.30 + 3000 × $3.75 (per million) = $0.02235
        JsonNode quote = quote("provider=anthropic&model=claude-sonnet-4-5-20250929&inputTokens=1000&outputTokens=500"
                + "&cachedInputTokens=2000&cacheWriteTokens=3000");
        assertThat(quote.get("costUsd").decimalValue()).isEqualByComparingTo("0.02235");
        assertThat(quote.get("row").get("modelPattern").asString()).isEqualTo("claude-sonnet-4-5-*");
        assertThat(quote("provider=acme&model=x&inputTokens=0").get("costUsd").decimalValue()).isEqualByComparingTo("0");
        assertThat(quote("provider=acme&model=x").get("costUsd").decimalValue()).as("no tokens").isEqualByComparingTo("0");
    }

    @Test
    void aModelWithALineBreakIsPricedNotRefused() {
        JsonNode quote = quote("provider=bedrock&model=claude%0Aopus%E2%80%A8x&tokensUsed=1000");
        assertThat(quote.get("row").get("modelPattern").asString()).isEqualTo("*claude*");
    }

    @Test
    void badParametersAreA400NamingEachOne() {
        ApiClient reader = as("read-token");
        ApiClient.Response missing = reader.get("/api/v1/pricing/quote?inputTokens=-1&outputTokens=1000000000001");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.header("Content-Type")).startsWith("application/problem+json");
        List<String> fields = new ArrayList<>();
        missing.json().get("errors").forEach(error -> fields.add(error.get("field").asString()));
        assertThat(fields).containsExactly("provider", "model", "inputTokens", "outputTokens");

        ApiClient.Response notANumber = reader.get("/api/v1/pricing/quote?provider=openai&model=gpt-4o&cacheWriteTokens=lots");
        assertThat(notANumber.status()).isEqualTo(400);
        assertThat(notANumber.json().get("errors").get(0).get("field").asString()).isEqualTo("cacheWriteTokens");

        ApiClient.Response tooLong = reader.get("/api/v1/pricing/quote?provider=openai&model=" + "m".repeat(129));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().get("errors").get(0).get("field").asString()).isEqualTo("model");
        assertThat(reader.get("/api/v1/pricing/quote?provider=%20&model=m").status()).isEqualTo(400);
    }

    @Test
    void theTableShowsEffectiveCachePricesAndTheCatalogueDate() {
        JsonNode rows = as("read-token").get("/api/v1/pricing").json();
        JsonNode first = rows.get(0);
        assertThat(first.properties()).extracting(java.util.Map.Entry::getKey).containsExactlyInAnyOrder("provider",
                "modelPattern", "inputPerMillion", "outputPerMillion", "cachedInputPerMillion", "cacheWritePerMillion", "asOf");
        JsonNode last = rows.get(rows.size() - 1);
        assertThat(List.of(last.get("provider").asString(), last.get("modelPattern").asString())).containsExactly("*", "*");
        assertThat(last.get("cachedInputPerMillion").decimalValue()).isEqualByComparingTo("5");
        assertThat(last.get("cacheWritePerMillion").decimalValue()).isEqualByComparingTo("5");
        assertThat(last.get("asOf").isNull()).isTrue();
    }

    @Test
    void aReloadPutsTheEditedFileInForceAndAnInvalidOneIsRefusedKeepingTheTable() throws IOException {
        String shippedTag = as("read-token").get("/api/v1/pricing").header("ETag");
        try {
            Files.writeString(FILE, SHIPPED.replace(GPT_4O_ROW,
                    "model-pattern: \"gpt-4o\", input-per-million: 2.00, output-per-million: 8.00, cached-input-per-million: 1.00"));
            ApiClient.Response reloaded = as("admin-token").post("/api/v1/admin/pricing/reload", null);
            assertThat(reloaded.status()).as(reloaded.body()).isEqualTo(200);
            ApiClient.Response table = as("read-token").get("/api/v1/pricing");
            assertThat(reloaded.json().size()).isEqualTo(table.json().size());
            assertThat(gpt4o(table.json()).get("inputPerMillion").decimalValue()).as("the table served is the new one")
                    .isEqualByComparingTo("2.00");
            assertThat(table.header("ETag")).isNotEqualTo(shippedTag);
            // 1000 × $2 + 500 × $8 (per million)
            assertThat(quote("provider=openai&model=gpt-4o&inputTokens=1000&outputTokens=500").get("costUsd").decimalValue())
                    .isEqualByComparingTo("0.006");

            Files.writeString(FILE, SHIPPED.replace(GPT_4O_ROW,
                    "model-pattern: \"gpt-4o\", input-per-million: -2.50, output-per-million: 10.00"));
            ApiClient.Response refused = as("admin-token").post("/api/v1/admin/pricing/reload", null);
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
            String field = refused.json().get("errors").get(0).get("field").asString();
            assertThat(field).matches("models\\[\\d+]\\.inputPerMillion");
            assertThat(refused.json().get("detail").asString()).contains(field).contains("table in force stays");
            assertThat(quote("provider=openai&model=gpt-4o&inputTokens=1000&outputTokens=500").get("costUsd").decimalValue())
                    .as("the table in force stays").isEqualByComparingTo("0.006");
        } finally {
            Files.writeString(FILE, SHIPPED);
            assertThat(as("admin-token").post("/api/v1/admin/pricing/reload", null).status()).isEqualTo(200);
        }
        assertThat(quote("provider=openai&model=gpt-4o&inputTokens=1000&outputTokens=500").get("costUsd").decimalValue())
                .isEqualByComparingTo("0.0075");
        assertThat(as("read-token").get("/api/v1/pricing").header("ETag")).as("the same table, the same ETag").isEqualTo(shippedTag);
    }

    @Test
    void theTableCarriesAStrongETagAndIfNoneMatchWithItAnswers304() {
        ApiClient reader = as("read-token");
        ApiClient.Response table = reader.get("/api/v1/pricing");
        String etag = table.header("ETag");
        assertThat(etag).matches("\"[0-9a-f]{64}\"");
        assertThat(table.header("Content-Length")).isEqualTo(String.valueOf(table.body().getBytes(StandardCharsets.UTF_8).length));
        assertThat(reader.get("/api/v1/pricing").body()).isEqualTo(table.body());

        ApiClient.Response current = reader.get("/api/v1/pricing", "If-None-Match", etag);
        assertThat(current.status()).isEqualTo(304);
        assertThat(current.body()).isEmpty();
        assertThat(reader.get("/api/v1/pricing", "If-None-Match", "\"0000\"").status()).isEqualTo(200);
        assertThat(reader.get("/api/v1/pricing", "If-None-Match", "*").status()).as("any current table").isEqualTo(304);
        assertThat(reader.get("/api/v1/pricing", "If-None-Match", "\"0000\", W/" + etag).status()).isEqualTo(304);
        assertThat(reader.get("/api/v1/pricing", "Accept", "text/html").status()).isEqualTo(406);
    }

    private static JsonNode gpt4o(JsonNode rows) {
        for (JsonNode row : rows) {
            if (row.get("modelPattern").asString().equals("gpt-4o")) {
                return row;
            }
        }
        throw new AssertionError("no gpt-4o row in " + rows);
    }

    @Test
    void onlyAnAdminOfAllNamespacesMayReload() {
        assertThat(as("read-token").post("/api/v1/admin/pricing/reload", null).status()).isEqualTo(403);
        assertThat(as("write-token").post("/api/v1/admin/pricing/reload", null).status()).isEqualTo(403);
        assertThat(as("scoped-admin-token").post("/api/v1/admin/pricing/reload", null).status()).isEqualTo(403);
        assertThat(new ApiClient(port).post("/api/v1/admin/pricing/reload", null).status()).isEqualTo(401);
        assertThat(as("read-token").get("/api/v1/pricing/quote?provider=a&model=b").status()).isEqualTo(200);
        assertThat(new ApiClient(port).get("/api/v1/pricing/quote?provider=a&model=b").status()).isEqualTo(401);
    }
}
