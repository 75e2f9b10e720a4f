package dev.llmcache.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the client refuses before it talks to a server, and the shell it is written in. */
class LlmcacheClientUsageTests {

    @TempDir
    Path work;

    private ClientScript client;

    @BeforeEach
    void setUp() throws IOException {
        ClientScript.assumeToolsInstalled();
        Files.writeString(work.resolve("main.rs"), "fn main() {}\n", StandardCharsets.UTF_8);
        client = new ClientScript(work).env("LLMCACHE_URL", "http://127.0.0.1:9");
    }

    @Test
    void badUsageExits64WithAMessage() {
        assertUsageError("a command is needed", new String[0]);
        assertUsageError("unknown command: fetch", "fetch", "--type", "refactor");
        assertUsageError("--type is required", "key", "--model", "m", "--file", "main.rs");
        assertUsageError("--model is required", "get", "--type", "refactor", "--file", "main.rs");
        assertUsageError("--file is required", "get", "--type", "refactor", "--model", "m");
        assertUsageError("--type must be", "key", "--type", "Refactor", "--model", "m", "--file", "main.rs");
        assertUsageError("--schema must be", "key", "--type", "refactor", "--model", "m", "--file", "main.rs", "--schema", "01");
        assertUsageError("--schema must be", "key", "--type", "refactor", "--model", "m", "--file", "main.rs", "--schema", "0");
        assertUsageError("unknown argument: --colour", "key", "--type", "refactor", "--model", "m", "--file", "main.rs", "--colour");
        assertUsageError("--provider is required", "run", "--type", "refactor", "--model", "m", "--file", "main.rs", "--", "true");
        assertUsageError("needs a COMMAND", "run", "--type", "refactor", "--provider", "xai", "--model", "m", "--file", "main.rs");
        assertUsageError("--lease must be", "run", "--type", "refactor", "--provider", "xai", "--model", "m", "--file", "main.rs",
                "--lease", "10m", "--", "true");
        assertUsageError("--on-busy must be", "run", "--type", "refactor", "--provider", "xai", "--model", "m", "--file", "main.rs",
                "--on-busy", "wait", "--", "true");
        assertUsageError("only run takes a COMMAND", "get", "--type", "refactor", "--model", "m", "--file", "main.rs", "--", "true");
    }

    @Test
    void getAndRunNeedLlmcacheUrl() {
        ClientScript.Result get = new ClientScript(work).run("get", "--type", "refactor", "--model", "m", "--file", "main.rs");
        assertThat(get.exit()).as(get.toString()).isEqualTo(64);
        assertThat(get.stderr()).contains("LLMCACHE_URL is not set");
    }

    @Test
    void keyNeedsNoServerAndAcceptsTheEqualsForm() {
        ClientScript.Result spaced = new ClientScript(work).run("key", "--type", "refactor", "--model", "grok-beta", "--file", "main.rs");
        ClientScript.Result equals = new ClientScript(work).run("key", "--type=refactor", "--model=grok-beta", "--file=main.rs", "--schema=1");
        assertThat(spaced.exit()).as(spaced.toString()).isZero();
        assertThat(spaced.stdout()).matches("[0-9a-f]{64}\n").isEqualTo(equals.stdout());
    }

    @Test
    void anUnreadableFileExits66() {
        ClientScript.Result key = client.run("key", "--type", "refactor", "--model", "m", "--file", "missing.rs");
        assertThat(key.exit()).as(key.toString()).isEqualTo(66);
        assertThat(key.stderr()).contains("cannot read the file: missing.rs");
    }

    @Test
    void aMissingToolExits67() throws IOException {
        // A PATH with the basic utilities the script uses, but no curl and no jq.
        Path bin = Files.createDirectories(work.resolve("bin"));
        for (String tool : List.of("sha256sum", "cut", "grep", "wc", "sed", "tr", "awk", "mktemp", "rm", "cat", "head")) {
            Path found = ClientScript.onPath(tool);
            assumeThat(found).as(tool + " on PATH").isNotNull();
            Path wrapper = Files.writeString(bin.resolve(tool), "#!/bin/sh\nexec " + found + " \"$@\"\n");
            assertThat(wrapper.toFile().setExecutable(true)).isTrue();
        }
        ClientScript.Result get = client.env("PATH", bin.toString())
                .run("get", "--type", "refactor", "--model", "m", "--file", "main.rs");
        assertThat(get.exit()).as(get.toString()).isEqualTo(67);
        assertThat(get.stderr()).contains("curl is required");
    }

    @Test
    void helpListsTheCommandsAndTheExitCodes() {
        ClientScript.Result help = client.run("--help");
        assertThat(help.exit()).isZero();
        assertThat(help.stdout()).contains("llmcache key", "llmcache get", "llmcache run", "LLMCACHE_URL", "LLMCACHE_TOKEN",
                "LLMCACHE_NAMESPACE", "LLMCACHE_USAGE", "64 bad usage", "72 budget exceeded (402)");
        assertThat(client.run("run", "--help").stdout()).isEqualTo(help.stdout());
    }

    @Test
    void theScriptIsPosixShellThatShellcheckAccepts() throws Exception {
        assertThat(exec("dash", "-n", ClientScript.SCRIPT.toString())).as("dash -n").isZero();
        assumeThat(ClientScript.onPath("shellcheck")).as("shellcheck is not installed (.ci/install-client-tools installs it)")
                .isNotNull();
        assertThat(exec("shellcheck", "-s", "sh", ClientScript.SCRIPT.toString())).as("shellcheck -s sh").isZero();
    }

    private void assertUsageError(String message, String... arguments) {
        ClientScript.Result result = client.run(arguments);
        assertThat(result.exit()).as(String.join(" ", arguments) + ": " + result).isEqualTo(64);
        assertThat(result.stderr()).contains(message);
        assertThat(result.stdout()).isEmpty();
    }

    private static int exec(String... command) throws Exception {
        assumeThat(ClientScript.onPath(command[0])).as(command[0] + " is not installed").isNotNull();
        Process process = new ProcessBuilder(command).inheritIO().start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return process.exitValue();
    }
}
