package dev.llmcache.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The server in a JVM of its own, on the test classpath, so a test can kill it with SIGKILL and
 * start it again on the same data directory.
 */
public final class ServerProcess implements AutoCloseable {

    private final Process process;
    private final int port;

    private ServerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts the server on a free port with these extra arguments and waits until it is healthy. */
    public static ServerProcess start(Path dataDir, Path log, String... arguments) {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                "dev.llmcache.LlmCacheServerApplication",
                "--server.port=" + port, "--cache.data-dir=" + dataDir));
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            ServerProcess server = new ServerProcess(process, port);
            // Generous: a shared machine under load can take minutes to start a JVM; a healthy server answers at once.
            server.awaitHealthy(Duration.ofSeconds(300));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ApiClient client() {
        return new ApiClient(port);
    }

    public int port() {
        return port;
    }

    /** Sends SIGTERM and returns at once, so that the test can act while the server stops. */
    public void sigterm() {
        process.destroy();
    }

    /** Waits for the process to end and answers its exit status; -1 when it did not end in time (it is then killed). */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            return -1;
        }
        return process.exitValue();
    }

    /** SIGKILL: no shutdown hook, no flush, no graceful anything. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** SIGTERM, as a process manager stops a server; answers the exit status. */
    public int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private void awaitHealthy(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("server exited with " + process.exitValue() + " during start-up");
            }
            try {
                if (client().get("/actuator/health").status() == 200) {
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
        throw new IllegalStateException("server not healthy within " + timeout);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
