package dev.llmcache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcache.support.ApiClient;
import dev.llmcache.support.ServerProcess;
import dev.llmcache.support.SqliteTestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * On SIGTERM the server stops taking requests, finishes the one in flight (a store whose body is
 * still arriving), writes the hit counts and access times it holds in memory, and exits with 0; a
 * server started again on the same files finds the store and every counted hit.
 */
class GracefulStopTests {

    private static final Duration DEADLINE = Duration.ofSeconds(60);

    private Path dir;

    @AfterEach
    void delete() {
        SqliteTestDatabase.delete(dir);
    }

    @Test
    void sigtermFinishesTheStoreInFlightAndFlushesHitsBeforeExiting() throws Exception {
        dir = Files.createTempDirectory("llmcache-graceful-");
        Path data = dir.resolve("data");
        Path log = dir.resolve("server.log");
        String hitKey;
        byte[] inFlight = JsonMapper.builder().build().writeValueAsBytes(Map.of("cacheType", "refactor",
                "filePath", "src/in-flight.rs", "content", "in flight", "provider", "xai", "model", "grok-beta",
                "result", Map.of("finished", true), "tokensUsed", 100));
        // An hour: only the flush at shutdown can write the hits below.
        ServerProcess server = ServerProcess.start(data, log, "--cache.access-flush-interval=PT1H", "--logging.level.dev.llmcache=info",
                "--logging.level.org.springframework.boot.tomcat.GracefulShutdown=info");
        try {
            ApiClient api = server.client();
            ApiClient.Response stored = api.post("/api/v1/entries", Map.of("cacheType", "refactor", "filePath", "src/hit.rs",
                    "content", "hit", "provider", "xai", "model", "grok-beta", "result", Map.of("n", 1), "tokensUsed", 100));
            hitKey = stored.json().get("cacheKey").asString();
            for (int i = 0; i < 3; i++) {
                assertThat(api.get("/api/v1/entries/" + hitKey).status()).isEqualTo(200);
            }

            try (Socket store = new Socket("127.0.0.1", server.port())) {
                OutputStream out = store.getOutputStream();
                out.write(("POST /api/v1/entries HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                        + "Content-Length: " + inFlight.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(inFlight, 0, inFlight.length / 2);
                out.flush();

                server.sigterm();
                awaitLogLine(log, "Commencing graceful shutdown");
                assertThat(answersWithin(server.port(), Duration.ofSeconds(2)))
                        .as("a new request is not served once the server is stopping").isFalse();

                out.write(inFlight, inFlight.length / 2, inFlight.length - inFlight.length / 2);
                out.flush();
                store.setSoTimeout((int) DEADLINE.toMillis());
                String answer = readAll(store.getInputStream());
                assertThat(answer).startsWith("HTTP/1.1 201");
            }
            assertThat(server.awaitExit(DEADLINE)).isZero();
        } finally {
            server.close();
        }
        assertThat(Files.readString(log)).contains("SIGTERM: stopping gracefully").doesNotContain(" ERROR ");

        try (ServerProcess restarted = ServerProcess.start(data, log)) {
            ApiClient api = restarted.client();
            JsonNode stats = api.get("/api/v1/stats").json();
            assertThat(stats.get("totalEntries").asLong()).isEqualTo(2);
            assertThat(stats.get("hits").asLong()).isEqualTo(3);
            JsonNode items = api.get("/api/v1/entries").json().get("items");
            JsonNode hit = null;
            for (JsonNode item : items) {
                if (item.get("cacheKey").asString().equals(hitKey)) {
                    hit = item;
                }
            }
            assertThat(hit).isNotNull();
            assertThat(hit.get("accessCount").asLong()).isEqualTo(3);
            assertThat(api.post("/api/v1/lookup", Map.of("cacheType", "refactor", "model", "grok-beta", "content", "in flight"))
                    .json().get("result").get("finished").asBoolean()).isTrue();
        }
    }

    /** Waits (polling, with a deadline) until the server's log has the line. */
    private static void awaitLogLine(Path log, String text) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(DEADLINE);
        while (!Files.readString(log).contains(text)) {
            if (Instant.now().isAfter(deadline)) {
                String all = Files.readString(log);
                throw new AssertionError("no log line '" + text + "' within " + DEADLINE + "; the log ends with:\n"
                        + all.substring(Math.max(0, all.length() - 3000)));
            }
            Thread.sleep(50);
        }
    }

    /** True when a new connection gets any answer to a GET within the timeout. */
    private static boolean answersWithin(int port, Duration timeout) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            socket.getOutputStream().write("GET /actuator/health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            return socket.getInputStream().read() >= 0;
        } catch (SocketTimeoutException | java.net.ConnectException e) {
            return false;
        } catch (IOException e) {
            return false; // reset: not served either
        }
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        in.transferTo(bytes);
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
