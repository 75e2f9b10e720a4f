package dev.llmcache.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcache.support.ApiClient;
import dev.llmcache.support.IntegrationTestSupport;
import dev.llmcache.support.SqliteIntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

/** With tokens configured: 401 without a valid one, 403 beyond its role or namespaces. */
@SqliteIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
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
class SecurityIntegrationTests extends IntegrationTestSupport {

    private ApiClient as(String token, String namespace) {
        return new ApiClient(port).withHeaders("Authorization", "Bearer " + token, "X-Cache-Namespace", namespace);
    }

    @Test
    void noTokenIsUnauthorizedWithABearerChallenge() {
        ApiClient.Response response = new ApiClient(port).get("/api/v1/stats");
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("type").asString()).isEqualTo("/problems/unauthorized");
    }

    @Test
    void unknownOrMalformedTokenIsUnauthorized(CapturedOutput output) {
        assertThat(as("wrong-token", "team-a").get("/api/v1/stats").status()).isEqualTo(401);
        assertThat(new ApiClient(port).withHeaders("Authorization", "Basic cmVhZC10b2tlbg==").get("/api/v1/stats").status())
                .isEqualTo(401);
        assertThat(output).doesNotContain("wrong-token").doesNotContain("read-token");
    }

    @Test
    void readerReadsButCannotWrite() {
        ApiClient reader = as("read-token", "team-a");
        assertThat(reader.get("/api/v1/stats").status()).isEqualTo(200);
        assertThat(reader.get("/api/v1/budget").status()).isEqualTo(200);
        assertThat(reader.post("/api/v1/lookup", Map.of("cacheType", "refactor", "model", "m", "content", "x")).status())
                .isEqualTo(404);
        ApiClient.Response refused = reader.post("/api/v1/entries", entry("x"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("type").asString()).isEqualTo("/problems/forbidden");
    }

    @Test
    void tokenIsConfinedToItsNamespaces() {
        assertThat(as("read-token", "team-b").get("/api/v1/stats").status()).isEqualTo(200);
        ApiClient.Response refused = as("read-token", "team-c").get("/api/v1/stats");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("detail").asString()).contains("ci-reader").contains("team-c");
        assertThat(new ApiClient(port).withHeaders("Authorization", "Bearer read-token").get("/api/v1/stats").status())
                .as("the default namespace is not in the reader's list").isEqualTo(403);
        String key = "/api/v1/entries/" + "a".repeat(64);
        ApiClient.Response byKey = as("read-token", "team-c").get(key);
        assertThat(byKey.status()).as("a plain GET by key (PlainGetHandler) is confined alike").isEqualTo(403);
        assertThat(byKey.json().get("detail").asString()).contains("ci-reader").contains("team-c");
        assertThat(new ApiClient(port).withHeaders("Authorization", "Bearer read-token").get(key).status()).isEqualTo(403);
        assertThat(as("read-token", "team-b").get(key).status()).isEqualTo(404);
    }

    @Test
    void writerStoresAndDeletesOneButCannotClearOrChangeTheBudget() {
        ApiClient writer = as("write-token", namespace);
        String key = writer.post("/api/v1/entries", entry("x")).json().get("cacheKey").asString();
        assertThat(writer.get("/api/v1/entries/" + key).status()).isEqualTo(200);
        assertThat(writer.delete("/api/v1/entries?all=true").status()).isEqualTo(403);
        assertThat(writer.put("/api/v1/budget", Map.of("monthlyBudgetUsd", 5)).status()).isEqualTo(403);
        assertThat(writer.delete("/api/v1/entries/" + key).status()).isEqualTo(204);
    }

    @Test
    void aReaderMayWaitOnALeaseButNotTakeOrReleaseOne() {
        String key = "c".repeat(64);
        ApiClient writer = as("write-token", "team-a");
        ApiClient reader = as("read-token", "team-a");
        ApiClient.Response leased = writer.get("/api/v1/entries/" + key + "?lease=PT1M");
        assertThat(leased.header("Cache-Lease")).isNotBlank();

        ApiClient.Response refused = reader.get("/api/v1/entries/" + key + "?lease=PT1M");
        assertThat(refused.status()).isEqualTo(403);
        // READ may look up: the detail names what it may not do (take a lease), not the GET it may make
        assertThat(refused.json().get("detail").asString()).contains("lease=", "needs a WRITE token").doesNotContain("does not allow GET");
        assertThat(reader.post("/api/v1/lookup/batch?wait=PT1S&lease=PT1M", Map.of("lookups", java.util.List.of(
                Map.of("cacheType", "refactor", "model", "m", "content", "x")))).status()).isEqualTo(403);
        assertThat(reader.delete("/api/v1/leases/" + leased.header("Cache-Lease")).status()).isEqualTo(403);
        ApiClient.Response held = reader.get("/api/v1/entries/" + key);
        assertThat(held.status()).isEqualTo(404);
        assertThat(held.json().get("leaseHeldUntil").asString()).isEqualTo(leased.header("Cache-Lease-Expires"));
        assertThat(writer.delete("/api/v1/leases/" + leased.header("Cache-Lease")).status()).isEqualTo(204);
    }

    @Test
    void adminMayDoEverything() {
        ApiClient admin = as("admin-token", namespace);
        admin.post("/api/v1/entries", entry("x"));
        assertThat(admin.put("/api/v1/budget", Map.of("monthlyBudgetUsd", 5)).status()).isEqualTo(200);
        assertThat(admin.delete("/api/v1/entries?all=true").json().get("deleted").asLong()).isEqualTo(1);
    }

    @Test
    void evictionSpansEveryNamespaceSoItNeedsAnAdminOfAllNamespaces() {
        Map<String, Object> dryRun = Map.of("maxEntries", 1_000_000, "dryRun", true);
        assertThat(as("scoped-admin-token", "team-a").put("/api/v1/budget", Map.of("monthlyBudgetUsd", 5)).status())
                .isEqualTo(200);
        ApiClient.Response refused = as("scoped-admin-token", "team-a").post("/api/v1/eviction", dryRun);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("type").asString()).isEqualTo("/problems/forbidden");
        assertThat(as("write-token", namespace).post("/api/v1/eviction", dryRun).status()).isEqualTo(403);
        assertThat(new ApiClient(port).post("/api/v1/eviction", dryRun).status()).isEqualTo(401);
        assertThat(as("admin-token", namespace).post("/api/v1/eviction", dryRun).status()).isEqualTo(200);
    }

    @Test
    void backupCopiesEveryNamespaceSoItNeedsAnAdminOfAllNamespaces() {
        ApiClient.Response refused = as("scoped-admin-token", "team-a").post("/api/v1/admin/backup", null);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("type").asString()).isEqualTo("/problems/forbidden");
        assertThat(as("write-token", namespace).post("/api/v1/admin/backup", null).status()).isEqualTo(403);
        assertThat(new ApiClient(port).post("/api/v1/admin/backup", null).status()).isEqualTo(401);
        assertThat(as("admin-token", namespace).post("/api/v1/admin/backup", null).status()).isEqualTo(201);
    }

    @Test
    void healthMetricsAndApiDocsNeedNoToken() {
        ApiClient anonymous = new ApiClient(port);
        assertThat(anonymous.get("/actuator/health").status()).isEqualTo(200);
        assertThat(anonymous.get("/actuator/prometheus").status()).isEqualTo(200);
        assertThat(anonymous.get("/v3/api-docs").status()).isEqualTo(200);
        assertThat(anonymous.get("/swagger-ui.html").status()).isIn(200, 302);
    }

    @Test
    void aTokenWithOneNamespaceWorksInItWithoutTheHeader() {
        ApiClient teamAdmin = new ApiClient(port).withHeaders("Authorization", "Bearer scoped-admin-token");
        ApiClient.Response stored = teamAdmin.post("/api/v1/entries", entry("default namespace " + namespace));
        assertThat(stored.status()).isEqualTo(201);
        assertThat(stored.json().get("namespace").asString()).isEqualTo("team-a");
        assertThat(teamAdmin.get("/api/v1/stats").json().get("namespace").asString()).isEqualTo("team-a");
        assertThat(as("scoped-admin-token", "team-b").get("/api/v1/stats").status())
                .as("the header still chooses, and is still checked").isEqualTo(403);
    }

    @Test
    void anEntryRecordsTheNameOfTheTokenThatStoredIt() {
        ApiClient writer = as("write-token", namespace);
        ApiClient.Response stored = writer.post("/api/v1/entries", entry("by the writer"));
        assertThat(stored.json().get("writtenBy").asString()).isEqualTo("ci-writer");
        String key = stored.json().get("cacheKey").asString();
        assertThat(writer.get("/api/v1/entries/" + key).json().get("writtenBy").asString()).isEqualTo("ci-writer");
        Map<String, Object> factors = Map.of("cacheType", "refactor", "model", "grok-beta", "content", "by the writer");
        assertThat(writer.post("/api/v1/lookup", factors).json().get("writtenBy").asString()).isEqualTo("ci-writer");
        assertThat(writer.post("/api/v1/lookup/batch", Map.of("lookups", java.util.List.of(factors))).json()
                .get("results").get(0).get("entry").get("writtenBy").asString()).isEqualTo("ci-writer");
        as("admin-token", namespace).post("/api/v1/entries", entry("by the admin"));

        ApiClient.Response listed = writer.get("/api/v1/entries?writtenBy=ci-writer");
        assertThat(listed.json().get("items")).hasSize(1);
        assertThat(listed.json().get("items").get(0).get("cacheKey").asString()).isEqualTo(key);
        assertThat(writer.get("/api/v1/entries").json().get("items")).hasSize(2);
        assertThat(as("admin-token", namespace).delete("/api/v1/entries?writtenBy=ops").json().get("deleted").asLong())
                .isEqualTo(1);
        assertThat(writer.get("/api/v1/entries").json().get("items")).hasSize(1);
    }

    @Test
    void twoAuthorizationHeadersAreABadRequest() {
        ApiClient.Response refused = new ApiClient(port).withHeaders("Authorization", "Bearer read-token",
                "Authorization", "Bearer admin-token", "X-Cache-Namespace", "team-a").get("/api/v1/stats");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("errors").get(0).get("field").asString()).isEqualTo("Authorization");
    }

    @Test
    void everyAdminActionIsOnTheAuditLogWithWhoWhereWhatAndTheOutcome(CapturedOutput output) {
        ApiClient admin = as("scoped-admin-token", "team-a");
        admin.post("/api/v1/entries", entry("audited " + namespace));
        assertThat(admin.put("/api/v1/budget", Map.of("monthlyBudgetUsd", 9)).status()).isEqualTo(200);
        assertThat(admin.delete("/api/v1/entries?filePath=src/main.rs").status()).isEqualTo(200);
        assertThat(as("admin-token", namespace).post("/api/v1/eviction", Map.of("maxEntries", 1_000_000, "dryRun", true))
                .status()).isEqualTo(200);
        assertThat(admin.post("/api/v1/migrations", Map.of("source", "/etc")).status()).isEqualTo(403);
        assertThat(as("admin-token", namespace).post("/api/v1/admin/backup", null).status()).isEqualTo(201);

        assertThat(auditLines(output)).anySatisfy(line -> assertThat(line).contains("action=budget-change token=team-admin "
                        + "namespace=team-a asked=\"PUT /api/v1/budget BudgetUpdateRequest[monthlyBudgetUsd=9").contains("outcome=\"200 "))
                .anySatisfy(line -> assertThat(line).contains("action=clear token=team-admin namespace=team-a "
                        + "asked=\"DELETE /api/v1/entries?filePath=src/main.rs\"").containsPattern("outcome=\"200 ClearResponse\\[deleted=[1-9]"))
                .anySatisfy(line -> assertThat(line).contains("action=eviction token=ops namespace=*").contains("dryRun=true")
                        .contains("outcome=\"200 EvictionResponse["))
                .anySatisfy(line -> assertThat(line).contains("action=migration token=team-admin namespace=team-a")
                        .contains("source=/etc").contains("outcome=\"403 "))
                .anySatisfy(line -> assertThat(line).contains("action=backup token=ops namespace=* "
                        + "asked=\"POST /api/v1/admin/backup\" outcome=\"201 "));
        assertThat(auditLines(output)).allSatisfy(line -> assertThat(line).contains("INFO"));
    }

    @Test
    void aNewlineInARequestCannotForgeAnAuditLine(CapturedOutput output) {
        ApiClient admin = as("admin-token", namespace);
        assertThat(admin.delete("/api/v1/entries?cacheType=x%0A12:00:00.000%20INFO%20action=clear%20token=ceo").status())
                .isEqualTo(200);

        assertThat(output.toString().lines().filter(line -> line.contains("token=ceo")).toList()).singleElement()
                .satisfies(line -> assertThat(line).contains("action=clear token=ops").contains("cacheType=x%0A12:00"));
        // A body is logged decoded: its newline must be escaped.
        admin.post("/api/v1/migrations", Map.of("source", "/etc\n12:00:00.000 INFO action=migration token=intern"));
        assertThat(output.toString().lines().filter(line -> line.contains("token=intern")).toList()).singleElement()
                .satisfies(line -> assertThat(line).contains("action=migration token=ops").contains("source=/etc\\n12:00"));
        assertThat(output.toString().lines().filter(line -> line.startsWith("12:00:00.000"))).isEmpty();
    }

    @Test
    void readsAreNotAudited(CapturedOutput output) {
        as("admin-token", namespace).get("/api/v1/stats");
        as("admin-token", namespace).get("/api/v1/budget");
        assertThat(auditLines(output)).isEmpty();
    }

    private static java.util.List<String> auditLines(CapturedOutput output) {
        return output.toString().lines().filter(line -> line.contains("dev.llmcache.audit")).toList();
    }

    @Test
    void answersCarryHeadersSuitableForAnApi() {
        ApiClient.Response refused = new ApiClient(port).get("/api/v1/stats");
        ApiClient.Response admin = as("admin-token", namespace).put("/api/v1/budget", Map.of("monthlyBudgetUsd", 4));
        ApiClient.Response read = as("read-token", "team-a").get("/api/v1/stats");
        for (ApiClient.Response response : java.util.List.of(refused, admin, read)) {
            assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(response.header("Server")).isNull();
        }
        assertThat(refused.header("Cache-Control")).contains("no-store");
        assertThat(admin.header("Cache-Control")).contains("no-store");
    }

    @Test
    void corsIsOffUnlessConfigured() {
        ApiClient.Response preflight = new ApiClient(port).send("OPTIONS", "/api/v1/stats", null,
                "Origin", "https://evil.example", "Access-Control-Request-Method", "GET");
        assertThat(preflight.header("Access-Control-Allow-Origin")).isNull();
        ApiClient.Response crossOrigin = as("read-token", "team-a").get("/api/v1/stats", "Origin", "https://evil.example");
        assertThat(crossOrigin.header("Access-Control-Allow-Origin")).isNull();
    }

    @Test
    void aRefusedRequestDoesNotWaitForItsAnnouncedBody() throws Exception {
        // The slow-body attack: announce a large body, send one byte, then nothing. The 401 must come
        // at once and the server must close the connection rather than wait to drain the body.
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(("POST /api/v1/entries HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\nContent-Type: application/json\r\nContent-Length: 1000000\r\n\r\n{")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
            assertThat(answer).startsWith("HTTP/1.1 401").containsIgnoringCase("Connection: close");
        }
    }

    /**
     * A slow body from a caller security lets through: {@code server.tomcat.connection-timeout} (10 s without a
     * byte) ends it, where Tomcat's own default would keep the worker for 60 s.
     */
    @Test
    void aSlowBodyFromAnAuthorizedCallerIsCutByTheReadTimeout() throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(("POST /api/v1/entries HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\nAuthorization: Bearer write-token\r\nX-Cache-Namespace: " + namespace
                    + "\r\nContent-Type: application/json\r\nContent-Length: 1000000\r\n\r\n{")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            long started = System.nanoTime();
            // the server gives up on the body and answers (then keeps the idle connection as long again); a
            // SocketTimeoutException here (30 s) fails the test
            int first = socket.getInputStream().read();
            java.time.Duration waited = java.time.Duration.ofNanos(System.nanoTime() - started);
            assertThat(waited).isLessThan(java.time.Duration.ofSeconds(15));
            String answer = (first < 0 ? "" : String.valueOf((char) first)) + new String(
                    socket.getInputStream().readNBytes(12), java.nio.charset.StandardCharsets.ISO_8859_1);
            assertThat(answer).as("waited " + waited).matches("(HTTP/1\\.1 4\\d\\d.*)?");
        }
        assertThat(as("write-token", namespace).get("/api/v1/entries").json().get("items")).isEmpty();
    }

    @Test
    void healthDetailsAreForAdminsOnly() {
        ApiClient.Response anonymous = new ApiClient(port).get("/actuator/health");
        assertThat(anonymous.status()).isEqualTo(200);
        assertThat(anonymous.json().get("status").asString()).isEqualTo("UP");
        assertThat(anonymous.body()).doesNotContain("details").doesNotContain(".db");
        assertThat(as("read-token", "team-a").get("/actuator/health").body()).doesNotContain("details");
        assertThat(as("admin-token", namespace).get("/actuator/health").json().get("components").get("database")
                .get("details")).isNotNull();
    }
}
