package dev.llmcache.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every shell block of the README marked {@code <!-- runnable -->} runs, as a newcomer would paste it,
 * against a fresh server without tokens (the packaged jar in {@code .ci/run}, see {@link ServerUnderTest}),
 * with {@code sh -eu} and {@code LLMCACHE_URL} pointing at it, and exits 0.
 */
class DocumentationExamplesIntegrationTests {

    private static final String MARKER = "<!-- runnable -->";

    @TempDir
    static Path dir;

    private static ServerUnderTest server;

    @BeforeAll
    static void startServer() {
        ClientScript.assumeToolsInstalled();
        server = ServerUnderTest.start(dir.resolve("data"));
    }

    @AfterAll
    static void stopServer() throws InterruptedException {
        if (server != null) {
            server.close();
        }
    }

    static List<String> runnableBlocks() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("README.md"), StandardCharsets.UTF_8);
        List<String> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).strip().equals(MARKER)) {
                continue;
            }
            assertThat(lines.get(i + 1)).as("the line after " + MARKER + " opens a sh block").isEqualTo("```sh");
            StringBuilder block = new StringBuilder();
            for (i += 2; !lines.get(i).startsWith("```"); i++) {
                block.append(lines.get(i)).append('\n');
            }
            blocks.add(block.toString());
        }
        assertThat(blocks).as("runnable blocks in the README").isNotEmpty();
        return blocks;
    }

    @ParameterizedTest
    @MethodSource("runnableBlocks")
    void aRunnableBlockOfTheReadmeRunsAgainstAFreshServer(String block) throws Exception {
        Path script = Files.writeString(Files.createTempFile(dir, "block", ".sh"), block);
        Path output = dir.resolve(script.getFileName() + ".out");
        ProcessBuilder builder = new ProcessBuilder("sh", "-eu", script.toString()).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put("LLMCACHE_URL", server.url());
        Process process = builder.start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the block finishes").isTrue();
        assertThat(process.exitValue()).as("exit status of\n" + block + "\noutput:\n" + Files.readString(output)).isZero();
    }
}
