package dev.llmcache.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcache.support.ApiClient;
import dev.llmcache.support.IntegrationTestSupport;
import dev.llmcache.support.SqliteIntegrationTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Walks every (endpoint, role) pair of the contract's Access table: 401 without a token, 403 with a
 * role below the one needed or outside the token's namespaces, and through to the route (any answer
 * but 401 and 403) with it. Same tokens (and server) as {@link SecurityIntegrationTests}:
 * read-token is READ of team-a and team-b, write-token WRITE of *, admin-token ADMIN of *,
 * scoped-admin-token ADMIN of team-a.
 */
@SqliteIntegrationTest
@TestPropertySource(properties = {
        "cache.security.tokens[0].name=ci-reader",
        "cache.security.tokens[0].sha256=0328587016f9e316b9c31c94f944a2c453e1494a564062b5eab68039c75b58bf",
        "cache.security.tokens[0].role=READ",
        "cache.security.tokens[0].namespaces=team-a,team-b",
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
class AccessTableIntegrationTests extends IntegrationTestSupport {

    private static final String KEY = "a".repeat(64);

    /** The role a route needs; ALL_NAMESPACES: an ADMIN whose namespaces are *. */
    private enum Needs { READ, WRITE, ADMIN, ALL_NAMESPACES }

    private record Route(String method, String path, Object body, Needs needs) {

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private static final List<Route> ROUTES = List.of(
            new Route("GET", "/api/v1/stats", null, Needs.READ),
            new Route("GET", "/api/v1/budget", null, Needs.READ),
            new Route("GET", "/api/v1/budget/history", null, Needs.READ),
            new Route("GET", "/api/v1/entries", null, Needs.READ),
            new Route("GET", "/api/v1/entries/" + KEY, null, Needs.READ),
            new Route("HEAD", "/api/v1/entries/" + KEY, null, Needs.READ),
            new Route("GET", "/api/v1/entries/" + KEY + "?wait=PT0S", null, Needs.READ),
            new Route("POST", "/api/v1/lookup", Map.of("cacheType", "refactor", "model", "m", "content", "x"), Needs.READ),
            new Route("POST", "/api/v1/lookup/batch", Map.of("lookups", List.of(Map.of("cacheType", "refactor", "model", "m",
                    "content", "x"))), Needs.READ),
            new Route("GET", "/api/v1/pricing", null, Needs.READ),
            new Route("GET", "/api/v1/pricing/quote?provider=xai&model=grok-beta&inputTokens=1", null, Needs.READ),
            new Route("GET", "/api/v1/migrations/00000000-0000-0000-0000-000000000000", null, Needs.READ),
            new Route("POST", "/api/v1/entries", null, Needs.WRITE),
            new Route("DELETE", "/api/v1/entries/" + KEY, null, Needs.WRITE),
            new Route("GET", "/api/v1/entries/" + KEY + "?lease=PT1M", null, Needs.WRITE),
            new Route("POST", "/api/v1/lookup?lease=PT1M", Map.of("cacheType", "refactor", "model", "m", "content", "x"),
                    Needs.WRITE),
            new Route("DELETE", "/api/v1/leases/00000000-0000-0000-0000-000000000000", null, Needs.WRITE),
            new Route("DELETE", "/api/v1/entries?cacheType=nothing-here", null, Needs.ADMIN),
            new Route("PUT", "/api/v1/budget", Map.of("monthlyBudgetUsd", 3), Needs.ADMIN),
            new Route("POST", "/api/v1/migrations", Map.of("source",
                    System.getProperty("user.home") + "/.rustassistant/no-such-cache-" + System.nanoTime()), Needs.ADMIN),
            new Route("POST", "/api/v1/eviction", Map.of("maxEntries", 1_000_000_000, "dryRun", true), Needs.ALL_NAMESPACES),
            new Route("POST", "/api/v1/admin/pricing/reload", null, Needs.ALL_NAMESPACES),
            new Route("POST", "/api/v1/admin/backup", null, Needs.ALL_NAMESPACES));

    private ApiClient.Response call(Route route, String token, String namespace) {
        ApiClient client = new ApiClient(port);
        if (token != null) {
            client = client.withHeaders("Authorization", "Bearer " + token);
        }
        Object body = route.body() != null ? route.body() : route.method().equals("POST") ? entry("access " + route) : null;
        return client.send(route.method(), route.path(), body, "X-Cache-Namespace", namespace);
    }

    @Test
    void everyRouteNeedsAToken() {
        for (Route route : ROUTES) {
            assertThat(call(route, null, "team-a").status()).as(route.toString()).isEqualTo(401);
        }
    }

    @Test
    void everyRouteRefusesARoleBelowTheOneItNeeds() {
        for (Route route : ROUTES) {
            switch (route.needs()) {
                case READ -> { }
                case WRITE -> assertThat(call(route, "read-token", "team-a").status()).as(route.toString()).isEqualTo(403);
                case ADMIN -> assertThat(call(route, "write-token", "team-a").status()).as(route.toString()).isEqualTo(403);
                case ALL_NAMESPACES -> {
                    assertThat(call(route, "write-token", "team-a").status()).as(route.toString()).isEqualTo(403);
                    assertThat(call(route, "scoped-admin-token", "team-a").status()).as(route + " by an ADMIN of one namespace")
                            .isEqualTo(403);
                }
            }
        }
    }

    @Test
    void everyNamespacedRouteRefusesANamespaceTheTokenDoesNotList() {
        for (Route route : ROUTES) {
            if (route.path().startsWith("/api/v1/pricing")) {
                continue; // one pricing table for every namespace
            }
            switch (route.needs()) {
                case READ -> assertThat(call(route, "read-token", "team-c").status()).as(route.toString()).isEqualTo(403);
                case ADMIN -> assertThat(call(route, "scoped-admin-token", "team-b").status()).as(route.toString()).isEqualTo(403);
                default -> { }
            }
        }
    }

    @Test
    void everyRouteLetsTheRoleItNeedsThrough() {
        for (Route route : ROUTES) {
            List<String> tokens = switch (route.needs()) {
                case READ -> List.of("read-token", "write-token", "admin-token", "scoped-admin-token");
                case WRITE -> List.of("write-token", "admin-token", "scoped-admin-token");
                case ADMIN -> List.of("admin-token", "scoped-admin-token");
                case ALL_NAMESPACES -> List.of("admin-token");
            };
            for (String token : tokens) {
                assertThat(call(route, token, "team-a").status()).as(route + " with " + token).isNotIn(401, 403);
            }
        }
    }
}
