package dev.llmcache.lease;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcache.support.IntegrationTestSupport;
import dev.llmcache.support.SqliteIntegrationTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.test.context.TestPropertySource;

/**
 * The README's plain-curl CI recipe (plain sh, curl, jq, sha256sum), run as it is printed: twenty jobs at once
 * make one LLM call; a failed call releases the lease so a waiting job takes over; an exceeded,
 * enforced budget skips the analysis.
 */
@SqliteIntegrationTest
@TestPropertySource(properties = "cache.budget.enforce=true")
class ReadmeRecipeIntegrationTests extends IntegrationTestSupport {

    @TempDir
    Path work;

    private String recipe;
    private Path calls;

    @BeforeEach
    void theRecipe() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int section = readme.indexOf("## In CI with plain curl");
        int start = readme.indexOf("```sh\n", section) + "```sh\n".length();
        recipe = readme.substring(start, readme.indexOf("```", start));
        calls = work.resolve("calls");
    }

    @Test
    void twentyJobsAtOnceMakeOneLlmCall() throws Exception {
        List<Process> jobs = new ArrayList<>();
        for (int i = 0; i < LeaseScenarios.CLIENTS; i++) {
            jobs.add(start(job("job" + i, "echo call >> " + calls + "; sleep 2; echo '{\"smells\": []}'")));
        }
        for (Process job : jobs) {
            assertThat(job.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(job.exitValue()).as(output(job)).isZero();
        }
        assertThat(Files.readAllLines(calls)).as("LLM calls").hasSize(1);
        assertThat(api.get("/api/v1/budget/history").json().get(0).get("writes").asLong()).isEqualTo(1);
        assertThat(api.get("/api/v1/stats").json().get("hits").asLong()).isEqualTo(LeaseScenarios.CLIENTS - 1);
    }

    @Test
    void aFailedLlmCallReleasesTheLeaseAndAWaitingJobTakesOver() throws Exception {
        Path failing = job("failing", "echo call >> " + calls + "; sleep 2; exit 3");
        Process first = start(failing);
        // the second job starts once the first holds the lease (its LLM call has begun): else either may get it
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(calls) && System.nanoTime() < deadline) {
            Thread.sleep(20); // polls a file another process writes; no logic is timed
        }
        assertThat(calls).as("the first job's LLM call began").exists();
        Process second = start(job("second", "echo call >> " + calls + "; echo '{\"smells\": []}'"));

        assertThat(first.waitFor(120, TimeUnit.SECONDS) && second.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(List.of(first.exitValue(), second.exitValue())).as(output(first) + "\n---\n" + output(second)).containsExactlyInAnyOrder(0, 1);
        assertThat(Files.readAllLines(calls)).hasSize(2);
        assertThat(api.get("/api/v1/budget/history").json().get(0).get("writes").asLong()).isEqualTo(1);
    }

    @Test
    void anExceededEnforcedBudgetSkipsTheAnalysisAndSaysWhy() throws Exception {
        api.put("/api/v1/budget", Map.of("monthlyBudgetUsd", 0.01));
        api.post("/api/v1/entries", entry("spent " + namespace));

        Process job = start(job("skipped", "echo call >> " + calls + "; echo '{}'"));

        assertThat(job.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(job.exitValue()).isZero();
        assertThat(output(job)).contains("skipped:").contains("budget");
        assertThat(calls).doesNotExist();
    }

    /** A job's directory: the file to analyse, the recipe and an analyse.sh that runs {@code llm}. */
    private Path job(String name, String llm) throws IOException {
        Path dir = Files.createDirectories(work.resolve(name));
        Files.createDirectories(dir.resolve("src"));
        Files.writeString(dir.resolve("src/main.rs"), "fn main() {} // " + namespace, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("recipe.sh"), recipe, StandardCharsets.UTF_8);
        Path analyse = dir.resolve("analyse.sh");
        Files.writeString(analyse, "#!/bin/sh\n" + llm + "\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(analyse, PosixFilePermissions.fromString("rwxr-xr-x"));
        return dir;
    }

    private Process start(Path dir) throws IOException {
        // the namespace header goes in through curl's default config file, the recipe stays as printed
        Files.writeString(dir.resolve(".curlrc"), "header = \"X-Cache-Namespace: " + namespace + "\"\n");
        ProcessBuilder builder = new ProcessBuilder("sh", "recipe.sh").directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().put("LLMCACHE_URL", "http://127.0.0.1:" + port);
        builder.environment().put("HOME", dir.toString());
        builder.environment().put("CURL_HOME", dir.toString());
        return builder.start();
    }

    private static String output(Process job) {
        try {
            return new String(job.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
