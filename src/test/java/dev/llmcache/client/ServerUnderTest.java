package dev.llmcache.client;

import dev.llmcache.support.ApiClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The server the client tests talk to, in a JVM of its own: the packaged jar when the system
 * property {@code llmcache.server.jar} names one ({@code .ci/run} does, after packaging), else the
 * server from the test classpath (during {@code ./mvnw verify} the jar is built only after the tests).
 */
final class ServerUnderTest implements AutoCloseable {

    static final String JAR_PROPERTY = "llmcache.server.jar";

    private final Process process;
    private final int port;
    private final String description;
    private final Path log;

    private ServerUnderTest(Process process, int port, String description, Path log) {
        this.process = process;
        this.port = port;
        this.description = description;
        this.log = log;
    }

    static ServerUnderTest start(Path dataDir, String... arguments) {
        int port = freePort();
        Path log = dataDir.resolveSibling(dataDir.getFileName() + ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String jar = System.getProperty(JAR_PROPERTY, "");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m"));
        String description;
        if (!jar.isBlank()) {
            if (!Files.isRegularFile(Path.of(jar))) {
                throw new IllegalStateException(JAR_PROPERTY + " names " + jar + ", which is not a file");
            }
            command.addAll(List.of("-jar", jar));
            description = "the packaged jar " + jar;
        } else {
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.llmcache.LlmCacheServerApplication"));
            description = "the server from the test classpath (set -D" + JAR_PROPERTY + "=target/llm-cache-server.jar for the jar)";
        }
        command.addAll(List.of("--server.address=127.0.0.1", "--server.port=" + port, "--cache.data-dir=" + dataDir));
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            ServerUnderTest server = new ServerUnderTest(process, port, description, log);
            // Generous: a shared CI machine under load can take minutes to start a JVM; a healthy server answers at once.
            server.awaitHealthy(Duration.ofSeconds(300));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    ApiClient api() {
        return new ApiClient(port);
    }

    String description() {
        return description;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    /** A loopback port that nothing listens on (at the time of asking). */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitHealthy(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("server exited with " + process.exitValue() + " during start-up; log: " + log);
            }
            try {
                if (api().get("/actuator/health").status() == 200) {
                    return;
                }
            } catch (UncheckedIOException notYet) {
                // not listening yet
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("server not healthy within " + timeout + "; log: " + log);
    }
}
