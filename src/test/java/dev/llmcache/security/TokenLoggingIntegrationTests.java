package dev.llmcache.security;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import dev.llmcache.support.ApiClient;
import dev.llmcache.support.IntegrationTestSupport;
import dev.llmcache.support.Sha256;
import dev.llmcache.support.SqliteIntegrationTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.test.context.TestPropertySource;

/**
 * No token and no token hash reaches the log, even at DEBUG, where the token filter reports refused
 * tokens: every line of every logger is captured while requests with good, unknown and malformed
 * tokens are served.
 */
@SqliteIntegrationTest
@TestPropertySource(properties = {
        "logging.level.dev.llmcache=DEBUG",
        "logging.level.org.springframework.security=DEBUG",
        "logging.level.org.springframework.web=DEBUG",
        "cache.security.tokens[0].name=ci-writer",
        "cache.security.tokens[0].sha256=c36ea90cfd37f8106028081c5b0368263aa0d132a2183503711226b8d16218ea",
        "cache.security.tokens[0].role=WRITE",
        "cache.security.tokens[0].namespaces=*"})
class TokenLoggingIntegrationTests extends IntegrationTestSupport {

    private static final String GOOD = "good-token-0123456789";
    private static final String UNKNOWN = "unknown-token-9876543210";

    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

    @BeforeEach
    void captureEveryLine() {
        lines.start();
        root.addAppender(lines);
    }

    @AfterEach
    void stopCapture() {
        root.detachAppender(lines);
    }

    @Test
    void neitherTokensNorTheirHashesAreLoggedAtAnyLevel() {
        assertThat(Sha256.hex(GOOD)).as("the configured hash is the good token's").isEqualTo(configuredHash());
        ApiClient good = new ApiClient(port).withHeaders("Authorization", "Bearer " + GOOD, "X-Cache-Namespace", namespace);
        assertThat(good.post("/api/v1/entries", entry("logged?")).status()).isEqualTo(201);
        assertThat(good.get("/api/v1/stats").status()).isEqualTo(200);
        assertThat(new ApiClient(port).withHeaders("Authorization", "Bearer " + UNKNOWN).get("/api/v1/stats").status()).isEqualTo(401);
        assertThat(new ApiClient(port).withHeaders("Authorization", "Basic " + UNKNOWN).get("/api/v1/stats").status()).isEqualTo(401);
        assertThat(new ApiClient(port).withHeaders("Authorization", "Bearer " + UNKNOWN + " x", "X-Cache-Namespace", "x y")
                .post("/api/v1/entries", Map.of()).status()).isIn(400, 401);

        List<ILoggingEvent> captured = List.copyOf(lines.list);
        assertThat(captured).as("DEBUG lines of the token filter are captured")
                .anyMatch(line -> line.getLevel() == Level.DEBUG && line.getLoggerName().equals(BearerTokenFilter.class.getName()));
        for (String secret : List.of(GOOD, UNKNOWN, Sha256.hex(GOOD), Sha256.hex(UNKNOWN))) {
            assertThat(captured).as("no line holds " + secret)
                    .noneMatch(line -> text(line).contains(secret) || text(line).contains(secret.substring(0, 16)));
        }
    }

    private static String configuredHash() {
        return "c36ea90cfd37f8106028081c5b0368263aa0d132a2183503711226b8d16218ea";
    }

    /** The message, its arguments and any stack trace, as they would be written. */
    private static String text(ILoggingEvent line) {
        StringBuilder text = new StringBuilder(line.getFormattedMessage());
        if (line.getArgumentArray() != null) {
            for (Object argument : line.getArgumentArray()) {
                text.append(' ').append(argument);
            }
        }
        for (IThrowableProxy t = line.getThrowableProxy(); t != null; t = t.getCause()) {
            text.append(' ').append(t.getMessage());
        }
        line.getMDCPropertyMap().values().forEach(value -> text.append(' ').append(value));
        return text.toString();
    }
}
