package dev.llmcache.entry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcache.support.ApiClient;
import dev.llmcache.support.IntegrationTestSupport;
import dev.llmcache.support.SqliteIntegrationTest;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** Oversized bodies and results get 413 on the real server, and nothing is stored. */
@SqliteIntegrationTest
@TestPropertySource(properties = {"cache.limits.max-request-bytes=64KB", "cache.limits.max-result-bytes=16KB",
        "cache.limits.max-batch-result-bytes=40KB"})
class RequestLimitsIntegrationTests extends IntegrationTestSupport {

    @Test
    void bodyOverTheLimitIsRefusedAndNothingStored() {
        Map<String, Object> entry = entry("x".repeat(70_000));
        ApiClient.Response refused = api.post("/api/v1/entries", entry);

        assertThat(refused.status()).isEqualTo(413);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.json().get("detail").asString()).contains("cache.limits.max-request-bytes");
        assertThat(api.get("/api/v1/stats").json().get("totalEntries").asLong()).isZero();
    }

    @Test
    void aBatchWhoseResultsAddUpPastTheLimitIsA400CountingNothing() {
        Map<String, Object> entry = entry("large result");
        entry.put("result", Map.of("text", "z".repeat(15_000)));
        assertThat(api.post("/api/v1/entries", entry).status()).isEqualTo(201);
        Map<String, Object> lookup = Map.of("cacheType", "refactor", "model", "grok-beta", "content", "large result");

        assertThat(api.post("/api/v1/lookup/batch", Map.of("lookups", List.of(lookup, lookup))).status())
                .as("two results of 15 KB: under 40 KB").isEqualTo(200);
        ApiClient.Response refused = api.post("/api/v1/lookup/batch", Map.of("lookups", List.of(lookup, lookup, lookup)));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("detail").asString()).contains("cache.limits.max-batch-result-bytes", "split the batch");
        assertThat(api.get("/api/v1/stats").json().get("hits").asLong()).as("the refused batch counted nothing").isEqualTo(2);
    }

    @Test
    void chunkedBodyOverTheLimitIsRefusedToo() throws Exception {
        String body = "{\"cacheType\":\"refactor\",\"filePath\":\"f\",\"provider\":\"xai\",\"model\":\"m\",\"content\":\""
                + "y".repeat(70_000) + "\",\"result\":{}}";
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/entries HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "X-Cache-Namespace: " + namespace + "\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            for (int offset = 0; offset < bytes.length; offset += 8192) {
                int length = Math.min(8192, bytes.length - offset);
                out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(bytes, offset, length);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String response = readAll(socket.getInputStream());
            assertThat(response).startsWith("HTTP/1.1 413").contains("application/problem+json");
        }
        assertThat(api.get("/api/v1/stats").json().get("totalEntries").asLong()).isZero();
    }

    @Test
    void resultOverTheLimitIsRefusedAndNothingStoredOrSpent() {
        Map<String, Object> entry = entry("small file");
        entry.put("result", Map.of("text", "z".repeat(20_000)));
        ApiClient.Response refused = api.post("/api/v1/entries", entry);

        assertThat(refused.status()).isEqualTo(413);
        assertThat(refused.json().get("detail").asString()).contains("cache.limits.max-result-bytes");
        assertThat(api.get("/api/v1/stats").json().get("totalEntries").asLong()).isZero();
        assertThat(api.get("/api/v1/budget").json().get("spentUsd").decimalValue()).isEqualByComparingTo("0");
    }

    @Test
    void badInputNeverAnswersHtml() {
        for (ApiClient.Response response : new ApiClient.Response[] {
                api.get("/nowhere", "Accept", "text/html"),
                api.send("PATCH", "/api/v1/entries", null, "Accept", "text/html"),
                api.post("/api/v1/entries", "{oops", "Accept", "text/html"),
                api.post("/api/v1/entries", "x", "Content-Type", "text/plain")}) {
            assertThat(response.status()).isBetween(400, 499);
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
            assertThat(response.body()).doesNotContain("<html");
        }
    }

    private static String readAll(InputStream in) throws java.io.IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        in.transferTo(bytes);
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
