package dev.llmcache.client;

import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs the repository's {@code llmcache} script as a CI job would: under dash (Debian's /bin/sh)
 * when installed, else sh, with a clean environment (PATH, HOME, TMPDIR and what the test gives)
 * and no standard input.
 */
final class ClientScript {

    static final Path SCRIPT = Path.of("src/main/resources/client/llmcache");
    private static final List<String> TOOLS = List.of("curl", "jq", "sha256sum");

    private final Path workDir;
    private final Map<String, String> environment = new HashMap<>();

    ClientScript(Path workDir) {
        this.workDir = workDir;
    }

    /** Skips the calling test, saying why, when a tool the client needs is missing (.ci/run installs them). */
    static void assumeToolsInstalled() {
        List<String> missing = TOOLS.stream().filter(tool -> onPath(tool) == null).toList();
        assumeThat(missing).as("the llmcache client tests need curl, jq and sha256sum; missing: " + missing
                + " (.ci/install-client-tools installs them)").isEmpty();
    }

    static Path onPath(String tool) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(dir -> Path.of(dir, tool)).filter(Files::isExecutable).findFirst().orElse(null);
    }

    /** dash when installed, else sh; {@code -Dllmcache.test.shell=bash} tries another shell. */
    static String shell() {
        return System.getProperty("llmcache.test.shell", onPath("dash") != null ? "dash" : "sh");
    }

    ClientScript env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /** Starts the client with these arguments; {@link Running#await} waits for it. */
    Running start(String... arguments) {
        List<String> command = new ArrayList<>(List.of(shell(), SCRIPT.toAbsolutePath().toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        builder.environment().clear();
        builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        builder.environment().put("HOME", workDir.toString());
        builder.environment().put("TMPDIR", System.getProperty("java.io.tmpdir"));
        builder.environment().putAll(environment);
        try {
            Path out = Files.createTempFile(workDir, "stdout", ".txt");
            Path err = Files.createTempFile(workDir, "stderr", ".txt");
            Process process = builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            return new Running(process, out, err);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Result run(String... arguments) {
        return start(arguments).await();
    }

    /** A started client. */
    record Running(Process process, Path out, Path err) {

        Result await() {
            try {
                if (!process.waitFor(180, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                    throw new AssertionError("llmcache did not finish within 180 s; stderr: " + Files.readString(err));
                }
                return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** What the client did: exit status, standard output and standard error. */
    record Result(int exit, String stdout, String stderr) {

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }
}
