package dev.llmcache.web;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.llmcache.support.IntegrationTestSupport;
import dev.llmcache.support.RawHttp;
import dev.llmcache.support.SqliteIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

/**
 * "Errors cost little": a refused request logs one DEBUG line at most, never a stack trace, never
 * an ERROR, and never the token it carried; with a token configured, so that the firewall's refusal
 * of an Authorization header happens in the security filter chain.
 */
@SqliteIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = {
        "logging.level.dev.llmcache.web=DEBUG",
        "cache.security.tokens[0].name=edge-admin",
        "cache.security.tokens[0].sha256=1308e539698ba55f88147ca92155c41ba0d15265cbd67e33ee20510fd61f2637",
        "cache.security.tokens[0].role=ADMIN",
        "cache.security.tokens[0].namespaces=*"})
class HttpEdgeLoggingIntegrationTests extends IntegrationTestSupport {

    private static final String TOKEN = "Bearer edge-admin-token";

    @Test
    void eachRefusalLogsOneDebugLineAndNoStackTrace(CapturedOutput output) {
        RawHttp http = new RawHttp(port);
        byte[] form = "a=%zz".getBytes(StandardCharsets.US_ASCII);
        List<Supplier<RawHttp.Answer>> refusals = List.of(
                () -> http.send("GET", "/api/v1/entries?after=%00%ff", "Authorization", TOKEN),
                () -> http.send("GET", "/actuator/health?x=%ZZ", "Authorization", TOKEN),
                () -> http.send("GET", "/api/v1/stats", "Authorization", TOKEN, "X-Cache-Namespace", "team\u2010a"),
                () -> http.send("GET", "/api/v1/entries/a;b", "Authorization", TOKEN),
                () -> http.send("FOO", "/api/v1/stats", "Authorization", TOKEN),
                () -> http.send("GET", "/api/v1/stats", "Authorization", TOKEN, "Accept", "t\u00e9xt/plain"),
                () -> http.send("GET", "/api/v1/entries/a%2Fb", "Authorization", TOKEN),
                () -> http.send("GET", "/api/v1/stats", "Authorization", TOKEN, "X-Pad", "p".repeat(9_000)),
                () -> http.send("PATCH", "/api/v1/stats", form, "Authorization", TOKEN, "Content-Type", "application/x-www-form-urlencoded"));
        int debugLines = 0;
        for (Supplier<RawHttp.Answer> refusal : refusals) {
            long before = output.getAll().lines().count();
            RawHttp.Answer answer = refusal.get().isProblem();
            List<String> logged = output.getAll().lines().skip(before).toList();
            assertThat(logged).as("log lines for %s", answer).hasSizeLessThanOrEqualTo(1);
            debugLines += (int) logged.stream().filter(line -> line.contains(" DEBUG ") && line.contains("Refused")).count();
        }

        assertThat(debugLines).as("the edge's own refusals are logged, at DEBUG").isGreaterThanOrEqualTo(6);
        assertThat(output.getAll()).doesNotContain(" ERROR ").doesNotContain(" WARN ").doesNotContain("\tat ");
    }

    @Test
    void aWriteRefusedBeforeItsBodyIsReadIsAnsweredOnceAndLogsNothing(CapturedOutput output) {
        byte[] body = "{\"cacheKey\":\"x\"}".getBytes(StandardCharsets.US_ASCII);
        for (String authorization : List.of("Bearer not-a-token", "")) {
            long before = output.getAll().lines().count();

            RawHttp.Answer answer = new RawHttp(port).send("POST", "/api/v1/entries", body, "Authorization", authorization,
                    "Content-Type", "application/json").isProblem(401);

            assertThat(answer.header("Connection")).isEqualTo("close");
            // Closing the connection marks the answer as an error in Tomcat: it must not then run the error page too
            assertThat(output.getAll().lines().skip(before)).noneMatch(line -> line.contains(" WARN ") || line.contains(" ERROR "));
        }
    }

    @Test
    void aTokenTheFirewallRefusesIsNeitherLoggedNorEchoed(CapturedOutput output) {
        RawHttp.Answer answer = new RawHttp(port).send("GET", "/api/v1/stats", "Authorization", "Bearer s3cret\u2010token").isProblem(400);

        assertThat(answer.detail()).contains("Authorization").doesNotContain("s3cret");
        assertThat(output.getAll()).contains("Refused GET /api/v1/stats").doesNotContain("s3cret");
    }

    @Test
    void tomcatLogsNoStackTraceForRequestsItCannotParse(CapturedOutput output) {
        // Tomcat logs the first unparseable request per JVM at INFO with a stack trace: kept at WARN.
        assertThat(((Logger) LoggerFactory.getLogger("org.apache.coyote.http11.Http11Processor")).getEffectiveLevel())
                .isEqualTo(Level.WARN);
        new RawHttp(port).sendRaw("GET /api/v1/stats HTTP/1.1\r\nHost: x\r\n(request): test\r\nConnection: close\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII), false).isProblem(400);
        assertThat(output.getAll()).doesNotContain("Error parsing HTTP request header").doesNotContain("\tat ");
    }
}
