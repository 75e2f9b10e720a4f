package dev.llmcache.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcache.support.IntegrationTestSupport;
import dev.llmcache.support.RawHttp;
import dev.llmcache.support.SqliteIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.catalina.connector.Connector;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hits and lookups leave with a Content-Length in one write when they fit Tomcat's buffer
 * ({@link SingleWriteFilter}); larger answers are still sent whole, chunked; Tomcat hands answers of up to
 * 32 KB to the socket in one piece.
 */
@SqliteIntegrationTest
class SingleWriteIntegrationTests extends IntegrationTestSupport {

    private static final JsonMapper JSON = JsonMapper.shared();

    @Test
    void aHitOfAFewKilobytesCarriesItsLengthAndIsNotChunked() {
        String key = api.post("/api/v1/entries", entry("fn small() {}")).json().get("cacheKey").asString();
        RawHttp http = new RawHttp(port);

        RawHttp.Answer hit = http.send("GET", "/api/v1/entries/" + key, "X-Cache-Namespace", namespace);
        assertThat(hit.status()).isEqualTo(200);
        assertThat(hit.header("transfer-encoding")).isNull();
        assertThat(hit.header("content-length")).isEqualTo(String.valueOf(hit.body().getBytes(StandardCharsets.UTF_8).length));
        assertThat(hit.header("etag")).isNotBlank();
        assertThat(JSON.readTree(hit.body()).get("result").get("path").asString()).isEqualTo("src/main.rs");

        byte[] lookup = JSON.writeValueAsBytes(Map.of("cacheType", "refactor", "model", "grok-beta", "content", "fn small() {}"));
        RawHttp.Answer looked = http.send("POST", "/api/v1/lookup", lookup, "X-Cache-Namespace", namespace,
                "Content-Type", "application/json");
        assertThat(looked.status()).isEqualTo(200);
        assertThat(looked.header("transfer-encoding")).isNull();
        assertThat(looked.header("content-length")).isEqualTo(String.valueOf(looked.body().getBytes(StandardCharsets.UTF_8).length));

        RawHttp.Answer miss = http.send("GET", "/api/v1/entries/" + "b".repeat(64), "X-Cache-Namespace", namespace);
        assertThat(miss.status()).isEqualTo(404);
        assertThat(miss.header("content-length")).isNotNull();
        assertThat(miss.json().get("type").asString()).isEqualTo("/problems/not-found");
    }

    @Autowired
    WebServerApplicationContext context;

    @Test
    void tomcatWritesAnAnswerOfUpToThirtyTwoKilobytesToTheSocketInOnePiece() {
        Connector connector = ((TomcatWebServer) context.getWebServer()).getTomcat().getConnector();
        assertThat(String.valueOf(connector.getProperty("socket.appWriteBufSize")))
                .isEqualTo(String.valueOf(HttpEdgeConfiguration.SOCKET_WRITE_BUFFER_BYTES));

        // the pricing list, the reason for the size: larger than Tomcat's default of 8 KB, within the buffer with its headers
        RawHttp.Answer pricing = new RawHttp(port).send("GET", "/api/v1/pricing");
        assertThat(pricing.status()).isEqualTo(200);
        assertThat(pricing.body().getBytes(StandardCharsets.UTF_8).length).isGreaterThan(8 * 1024)
                .isLessThan(HttpEdgeConfiguration.SOCKET_WRITE_BUFFER_BYTES - 1024);
    }

    @Test
    void aHitLargerThanTheBufferArrivesWhole() {
        Map<String, Object> large = entry("fn large() {}");
        String text = "x".repeat(200_000);
        large.put("result", Map.of("text", text));
        String key = api.post("/api/v1/entries", large).json().get("cacheKey").asString();

        RawHttp.Answer hit = new RawHttp(port).send("GET", "/api/v1/entries/" + key, "X-Cache-Namespace", namespace);
        assertThat(hit.status()).isEqualTo(200);
        JsonNode result = JSON.readTree(hit.body()).get("result");
        assertThat(result.get("text").asString()).isEqualTo(text);
    }
}
