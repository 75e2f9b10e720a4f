package dev.llmcache.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcache.support.IntegrationTestSupport;
import dev.llmcache.support.RawHttp;
import dev.llmcache.support.SqliteIntegrationTest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Requests refused before or around the controllers (by Tomcat, the firewall, content negotiation,
 * parameter decoding) are 4xx problems on the real server, never a 5xx and never an HTML page.
 * Issue 14, items 1, 2, 4, 5, 7 and 9.
 */
@SqliteIntegrationTest
class HttpEdgeIntegrationTests extends IntegrationTestSupport {

    private static final String KEY = "a".repeat(64);

    private RawHttp http;

    @BeforeEach
    void rawClient() {
        http = new RawHttp(port);
    }

    @Test
    void malformedFormBodyIsAProblemOnAnyPathAndMethod() {
        byte[] form = "a=%zz".getBytes(StandardCharsets.US_ASCII);
        String[] type = {"Content-Type", "application/x-www-form-urlencoded", "X-Cache-Namespace", namespace};
        http.send("PATCH", "/api/v1/stats", form, type).isProblem(405);
        http.send("POST", "/api/v1/stats", form, type).isProblem(405);
        http.send("PUT", "/api/v1/budget", form, type).isProblem(415);
        http.send("POST", "/api/v1/entries", form, type).isProblem(415);
        http.send("POST", "/api/v1/lookup/batch?lease=PT1M", form, type).isProblem(415);
        assertThat(http.send("DELETE", "/api/v1/entries/" + KEY, form, type).status()).isEqualTo(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/entries?after=%00%ff", "/api/v1/entries?cacheType=%ZZ", "/actuator/health?x=%ZZ",
            "/api/v1/budget/history?months=%ff", "/api/v1/entries?limit=%"})
    void queryStringThatDoesNotDecodeIsA400NamingTheParameter(String target) {
        RawHttp.Answer answer = http.send("GET", target, "X-Cache-Namespace", namespace).isProblem(400);
        assertThat(answer.detail()).contains("cannot be decoded").contains("parameter ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET /api/v1/entries?cacheType=a&cacheType=b", "GET /api/v1/entries?limit=5&limit=6",
            "DELETE /api/v1/entries?cacheType=a&cacheType=a", "GET /api/v1/budget/history?months=1&months=2",
            "GET /api/v1/entries/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa?wait=PT1S&wait=PT2S"})
    void aQueryParameterGivenTwiceIsA400NamingIt(String request) {
        String[] methodAndTarget = request.split(" ");
        String name = methodAndTarget[1].replaceAll(".*[?&]([a-zA-Z]+)=[^&]*$", "$1");

        RawHttp.Answer answer = http.send(methodAndTarget[0], methodAndTarget[1], "X-Cache-Namespace", namespace).isProblem(400);

        assertThat(answer.detail()).isEqualTo("Invalid request: " + name + " must be given once, not 2 times.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET /api/v1/stats", "GET /api/v1/entries/" + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "DELETE /api/v1/entries?all=true"})
    void theNamespaceHeaderSentTwiceIsA400NamingIt(String request) {
        // a proxy adding its own: taking the first could put a write (or a clear) in the wrong namespace
        String[] methodAndTarget = request.split(" ");

        RawHttp.Answer answer = http.send(methodAndTarget[0], methodAndTarget[1], "X-Cache-Namespace", namespace,
                "X-Cache-Namespace", "other").isProblem(400);

        assertThat(answer.detail()).isEqualTo("Invalid request: X-Cache-Namespace must be sent once: a request belongs to one namespace.");
    }

    @Test
    void errorPathAskedForDirectlyIsA404() {
        http.send("GET", "/error").isProblem(404);
        http.send("POST", "/error").isProblem(404);
    }

    @Test
    void multipartWithoutBoundaryIsRefusedWithAProblem() {
        byte[] body = "x".getBytes(StandardCharsets.US_ASCII);
        http.send("POST", "/v3/api-docs", body, "Content-Type", "multipart/form-data").isProblem(405);
        http.send("POST", "/api/v1/entries", body, "Content-Type", "multipart/form-data").isProblem(415);
        http.send("PUT", "/api/v1/budget", body, "Content-Type", "multipart/form-data; boundary=").isProblem(415);
    }

    @ParameterizedTest
    @ValueSource(strings = {"team\u2010a", "\uff54eam", "a\u0085b"})
    void namespaceTheFirewallRefusesIsA400NamingTheHeader(String namespace) {
        RawHttp.Answer answer = http.send("GET", "/api/v1/stats", "X-Cache-Namespace", namespace).isProblem(400);
        assertThat(answer.detail()).contains("X-Cache-Namespace");
    }

    @Test
    void pathsTheFirewallRefusesAre400AndUnknownMethods405() {
        http.send("GET", "/api/v1/entries/a;b").isProblem(400);
        // "//" would read as a host in the problem's instance: the refusal still answers
        assertThat(http.send("GET", "//api/v1/stats").isProblem(400).json().get("instance").asString()).doesNotStartWith("//");
        http.send("GET", "/api/v1/../v1/stats").isProblem(400);
        http.send("FOO", "/api/v1/stats").isProblem(405);
        http.send("PROPFIND", "/api/v1/entries").isProblem(405);
    }

    @ParameterizedTest
    @ValueSource(ints = {8_200, 9_000, 100_000})
    void headersOverTheLimitAre431Problems(int size) {
        RawHttp.Answer answer = http.send("GET", "/api/v1/stats", "Authorization", "Bearer " + "a".repeat(size)).isProblem(431);
        assertThat(answer.detail()).contains("server.max-http-request-header-size");
        assertThat(answer.body()).doesNotContain("aaaa");
    }

    @Test
    void headersJustUnderTheLimitAreServed() {
        assertThat(http.send("GET", "/api/v1/stats", "X-Cache-Namespace", namespace, "X-Pad", "p".repeat(7_000)).status()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/entries/a%2Fb", "/api/v1/entries/a%00b", "/api/v1/entries/a%ZZb", "/api/v1/entries/%",
            "/api/v1/entries/%c0%af", "/api/v1/stats%5C", "/api/v1/entries/\u00e9", "/api/v1/entries/a\u0000b", "/api/v1/entries/a|b"})
    void pathsTomcatRefusesAreProblemsNotHtml(String target) {
        RawHttp.Answer answer = http.send("GET", target).isProblem(400);
        assertThat(answer.body()).doesNotContain("<html");
    }

    @ParameterizedTest
    @ValueSource(strings = {"t\u00e9xt/plain", "\uff54ext/plain", "foo", "application/json;q=abc", "a/b/c", "text/plain\u0085"})
    void unreadableAcceptIsA406WithAProblemBody(String accept) {
        http.send("GET", "/api/v1/stats", "Accept", accept).isProblem(406);
        http.send("GET", "/actuator/health", "Accept", accept).isProblem(406);
    }

    /** Found by HostileInputPropertyTests (a 500: Spring refuses to read a body of a wildcard type). */
    @ParameterizedTest
    @ValueSource(strings = {"application/*", "*/*", "*/json", "application/*; charset=UTF-8"})
    void contentTypeWithAWildcardIsA415Problem(String contentType) {
        byte[] body = "a=%zz".getBytes(StandardCharsets.US_ASCII);
        http.send("GET", "/actuator/health", body, "Content-Type", contentType).isProblem(415);
        http.send("POST", "/api/v1/entries", body, "Content-Type", contentType, "X-Cache-Namespace", namespace).isProblem(415);
        http.send("PUT", "/api/v1/budget", body, "Content-Type", contentType, "X-Cache-Namespace", namespace).isProblem(415);
    }

    /** Found by HostileInputPropertyTests: Tomcat refuses TRACE itself, and the error page met the unreadable Accept. */
    @Test
    void traceWithAnUnreadableAcceptIsA405Problem() {
        http.send("TRACE", "/api/v1/entries", "Accept", "foo").isProblem(405);
    }

    @Test
    void acceptOfMoreThanFiftyTypesIsA406AndAcceptOfOnlyEmptyElementsIsAbsent() {
        http.send("GET", "/api/v1/stats", "Accept", "application/json,".repeat(60)).isProblem(406);
        assertThat(http.send("GET", "/actuator/health", "Accept", ",,,").status()).isEqualTo(200);
        assertThat(http.send("GET", "/api/v1/stats", "Accept", ",,,", "X-Cache-Namespace", namespace).status()).isEqualTo(200);
    }

    @Test
    void acceptThatParsesButIsNotOfferedIsA406WithATypedProblem() {
        RawHttp.Answer answer = http.send("GET", "/v3/api-docs.yaml", "Accept", "application/json").isProblem(406);
        assertThat(answer.json().get("type").asString()).isEqualTo("/problems/not-acceptable");
    }

    /** Found by the fuzz script: the actuator answered an unknown health component with an empty 404. */
    @ParameterizedTest
    @ValueSource(strings = {"/actuator/health/unknown", "/actuator/health/@", "/actuator/health/database/x"})
    void unknownHealthComponentIsA404Problem(String path) {
        http.send("GET", path).isProblem(404);
        assertThat(http.send("HEAD", path).status()).isEqualTo(404);
    }

    @Test
    void actuatorAnswersThatAreNotErrorsAreUntouched() {
        assertThat(http.send("GET", "/actuator/health/liveness").json().get("status").asString()).isEqualTo("UP");
        RawHttp.Answer empty = http.send("GET", "/actuator/prometheus?includedNames=none");
        assertThat(empty.status()).isEqualTo(200);
        assertThat(http.send("GET", "/actuator/prometheus").body()).contains("llmcache_");
    }

    @Test
    void protocolRefusalsTomcatAnswersWithA5xxAreClientErrors() {
        http.send("CONNECT", "127.0.0.1:443").isProblem(405);
        http.send("GET", "/api/v1/stats", "Transfer-Encoding", "gzip").isProblem(400);
        RawHttp.Answer version = http.sendRaw("GET /api/v1/stats HTTP/2.0\r\nHost: x\r\nConnection: close\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII), false);
        assertThat(version.status()).isEqualTo(400);
    }

    @Test
    void malformedHeaderLinesAreProblems() {
        http.sendRaw("GET /api/v1/stats HTTP/1.1\r\nHost: x\r\n(request): test\r\nConnection: close\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII), false).isProblem(400);
        http.send("GET", "/api/v1/stats", "Content-Length", "abc").isProblem(400);
    }

    @Test
    void aRefusedHeaderLineIsNamedButItsValueNeverShown() {
        // Tomcat's reason quoted the whole line, a bearer token included
        RawHttp.Answer answer = http.sendRaw(("GET /api/v1/stats HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer supersecret\u0001\r\n"
                + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1), false).isProblem(400);

        assertThat(answer.body()).doesNotContain("supersecret");
    }
}
