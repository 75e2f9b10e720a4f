package dev.llmcache.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcache.support.ApiClient;
import dev.llmcache.support.IntegrationTestSupport;
import dev.llmcache.support.SqliteIntegrationTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * The per-token rate limit, on the server's clock (moved by hand, never slept on): a burst of 3,
 * then one request per 2 seconds (0.5 per second).
 */
@SqliteIntegrationTest
@TestPropertySource(properties = {
        "cache.security.rate-limit.requests-per-second=0.5",
        "cache.security.rate-limit.burst=3",
        "cache.security.cors.allowed-origins=https://dashboard.example",
        "cache.security.tokens[0].name=ci-loop",
        "cache.security.tokens[0].sha256=ab893cb32670dc9e3bf2563af8d7487b88c279c5850c76f35d6eafa8fa34acf2",
        "cache.security.tokens[0].role=WRITE",
        "cache.security.tokens[0].namespaces=*",
        "cache.security.tokens[1].name=ci-quiet",
        "cache.security.tokens[1].sha256=0328587016f9e316b9c31c94f944a2c453e1494a564062b5eab68039c75b58bf",
        "cache.security.tokens[1].role=READ",
        "cache.security.tokens[1].namespaces=*"})
class RateLimitIntegrationTests extends IntegrationTestSupport {

    @Test
    void aTokenOverItsRateGets429WithRetryAfterUntilItsBucketRefills() {
        ApiClient loop = new ApiClient(port).withHeaders("Authorization", "Bearer write-token", "X-Cache-Namespace", namespace);
        for (int i = 0; i < 3; i++) {
            assertThat(loop.get("/api/v1/stats").status()).as("request %d of the burst", i + 1).isEqualTo(200);
        }
        ApiClient.Response limited = loop.get("/api/v1/stats");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("Retry-After")).isEqualTo("2");
        assertThat(limited.header("Content-Type")).startsWith("application/problem+json");
        assertThat(limited.json().get("type").asString()).isEqualTo("/problems/too-many-requests");
        assertThat(limited.json().get("detail").asString()).contains("ci-loop");

        ApiClient quiet = new ApiClient(port).withHeaders("Authorization", "Bearer read-token", "X-Cache-Namespace", namespace);
        assertThat(quiet.get("/api/v1/stats").status()).as("another token has a bucket of its own").isEqualTo(200);

        clock.advance(Duration.ofSeconds(1));
        ApiClient.Response stillLimited = loop.get("/api/v1/stats");
        assertThat(stillLimited.status()).isEqualTo(429);
        assertThat(stillLimited.header("Retry-After")).isEqualTo("1");
        clock.advance(Duration.ofSeconds(1));
        assertThat(loop.get("/api/v1/stats").status()).isEqualTo(200);
        assertThat(loop.get("/api/v1/stats").status()).isEqualTo(429);

        assertThat(new ApiClient(port).get("/actuator/prometheus").body())
                .contains("llmcache_rate_limited_total{token=\"ci-loop\"} 3.0")
                .doesNotContain("llmcache_rate_limited_total{token=\"ci-quiet\"}");
        clock.advance(Duration.ofMinutes(1));
    }

    @Test
    void callersWithoutATokenAreLimitedByAddressAndCountedAsOther() {
        ApiClient anonymous = new ApiClient(port);
        int refused = 0;
        for (int i = 0; i < 6; i++) {
            int status = anonymous.get("/api/v1/stats").status();
            assertThat(status).as("request %d without a token", i + 1).isIn(401, 429);
            refused += status == 429 ? 1 : 0;
        }
        assertThat(refused).as("the address's burst of 3 is spent").isGreaterThanOrEqualTo(3);
        // API.md: the token label holds the configured tokens; the rest are reported as other
        assertThat(new ApiClient(port).get("/actuator/prometheus").body())
                .contains("llmcache_rate_limited_total{token=\"other\"}")
                .doesNotContain("token=\"anonymous\"");
        clock.advance(Duration.ofMinutes(1));
    }

    @Test
    void theActuatorIsNeverLimited() {
        ApiClient anonymous = new ApiClient(port);
        for (int i = 0; i < 10; i++) {
            assertThat(anonymous.get("/actuator/health").status()).isEqualTo(200);
            assertThat(anonymous.get("/actuator/prometheus").status()).isEqualTo(200);
        }
    }

    @Test
    void aConfiguredOriginMayCallTheApiFromABrowser() {
        ApiClient.Response preflight = new ApiClient(port).send("OPTIONS", "/api/v1/stats", null,
                "Origin", "https://dashboard.example", "Access-Control-Request-Method", "GET",
                "Access-Control-Request-Headers", "authorization,x-cache-namespace");
        assertThat(preflight.status()).isEqualTo(200);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo("https://dashboard.example");
        ApiClient.Response other = new ApiClient(port).send("OPTIONS", "/api/v1/stats", null,
                "Origin", "https://evil.example", "Access-Control-Request-Method", "GET");
        assertThat(other.header("Access-Control-Allow-Origin")).isNull();
    }
}
