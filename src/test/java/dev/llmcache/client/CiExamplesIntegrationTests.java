package dev.llmcache.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.llmcache.support.ApiClient;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CI examples' analysis scripts, taken from the YAML as CI would run them, in a git repository
 * with two commits, against a real server: only the changed files are analysed, each once; a second
 * pipeline on the same commit analyses nothing. The LLM call is a stub that records its calls.
 */
@ExtendWith(SharedServer.class)
class CiExamplesIntegrationTests {

    private static final String TOKEN = SharedServer.WRITER;
    private static final String STUB_ANALYSIS = """
            #!/bin/sh
            echo "$1" >> "$CALLS"
            printf '{"inputTokens": 100, "outputTokens": 20}' > "$LLMCACHE_USAGE"
            printf '{"file": "%s", "issues": []}' "$1"
            """;

    private static ServerUnderTest server;

    @TempDir
    Path work;

    private Path repo;
    private String namespace;
    private String base;

    @BeforeAll
    static void server(ServerUnderTest shared) {
        assumeThat(ClientScript.onPath("git")).as("git is not installed (.ci/install-client-tools installs it)").isNotNull();
        server = shared;
    }

    /** A repository whose second commit changes src/a.rs, adds "src/new dir/c.py", deletes src/b.rs and the README. */
    @BeforeEach
    void repositoryWithTwoCommits() throws Exception {
        namespace = "ci-" + UUID.randomUUID().toString().substring(0, 8);
        repo = Files.createDirectories(work.resolve("repo"));
        git("init", "-q");
        write(".ci/llm-analyse.sh", STUB_ANALYSIS);
        write("src/a.rs", "fn a() {}\n" + namespace);
        write("src/b.rs", "fn b() {}\n");
        write("README.md", "# proj\n");
        git("add", "-A");
        git("commit", "-q", "-m", "first");
        base = git("rev-parse", "HEAD").strip();
        write("src/a.rs", "fn a() { changed() }\n" + namespace);
        write("src/new dir/c.py", "print('c')\n" + namespace);
        write("README.md", "# proj, changed\n");
        git("rm", "-q", "src/b.rs");
        git("add", "-A");
        git("commit", "-q", "-m", "second");
    }

    @Test
    void theGitHubStepAnalysesTheChangedFilesOnce() throws Exception {
        String script = (String) CiExamples.githubStep(CiExamples.ANALYSE_STEP).get("run");
        Map<String, String> env = Map.of("BASE_SHA", base, "GITHUB_REPOSITORY", "acme/proj");

        Run first = runInRepo(List.of("bash", "-e", "-c", script), env);
        assertThat(first.exit()).as(first.output()).isZero();
        assertThat(calls()).containsExactly("src/a.rs", "src/new dir/c.py");
        assertThat(Files.readString(repo.resolve("analysis/src/new dir/c.py.json"))).contains("\"file\": \"src/new dir/c.py\"");
        ApiClient.Response listing = api().get("/api/v1/entries");
        assertThat(listing.json().get("items").findValuesAsString("repoPath")).containsOnly("acme/proj");
        assertThat(listing.json().get("items").findValuesAsString("filePath")).containsExactlyInAnyOrder("src/a.rs", "src/new dir/c.py");

        Run again = runInRepo(List.of("bash", "-e", "-c", script), env);
        assertThat(again.exit()).as(again.output()).isZero();
        assertThat(calls()).as("the second pipeline's files are all hits").hasSize(2);
    }

    @Test
    void theGitLabJobAnalysesTheChangedFilesOnceAndFallsBackToTheParentOnANewBranch() throws Exception {
        String script = CiExamples.gitlabScript("script");

        Run first = runInRepo(List.of(ClientScript.shell(), "-e", "-c", script),
                Map.of("CI_COMMIT_BEFORE_SHA", base, "CI_PROJECT_PATH", "acme/proj"));
        assertThat(first.exit()).as(first.output()).isZero();
        assertThat(first.output()).contains("2 changed files to analyse");
        assertThat(calls()).containsExactly("src/a.rs", "src/new dir/c.py");
        assertThat(Files.readString(repo.resolve("analysis/src/a.rs.json"))).contains("\"file\": \"src/a.rs\"");

        // A new branch's first pipeline: no previous tip (GitLab sends zeros), so the parent commit.
        Run newBranch = runInRepo(List.of(ClientScript.shell(), "-e", "-c", script),
                Map.of("CI_COMMIT_BEFORE_SHA", "0".repeat(40), "CI_PROJECT_PATH", "acme/proj"));
        assertThat(newBranch.exit()).as(newBranch.output()).isZero();
        assertThat(newBranch.output()).contains("2 changed files to analyse");
        assertThat(calls()).as("both files are hits now").hasSize(2);
    }

    @Test
    void theGitLabJobFailsWhenTheClientDoes() throws Exception {
        Run run = runInRepo(List.of(ClientScript.shell(), "-e", "-c", CiExamples.gitlabScript("script")),
                Map.of("CI_COMMIT_BEFORE_SHA", base, "CI_PROJECT_PATH", "acme/proj", "LLMCACHE_TOKEN", "wrong"));
        assertThat(run.exit()).as(run.output()).isEqualTo(1);
        assertThat(run.output()).contains("llmcache run exited with 71 on src/a.rs");
        assertThat(calls()).isEmpty();
    }

    private record Run(int exit, String output) {
    }

    private Run runInRepo(List<String> command, Map<String, String> extra) throws Exception {
        // llmcache on PATH, as the examples install it: the repository's script under the POSIX shell.
        Path bin = Files.createDirectories(work.resolve("bin"));
        Path wrapper = bin.resolve("llmcache");
        Files.writeString(wrapper, "#!/bin/sh\nexec " + ClientScript.shell() + " '"
                + ClientScript.SCRIPT.toAbsolutePath() + "' \"$@\"\n");
        assertThat(wrapper.toFile().setExecutable(true)).isTrue();
        ProcessBuilder builder = new ProcessBuilder(command).directory(repo.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("LLMCACHE_") || name.startsWith("CI_") || name.startsWith("GITHUB_"));
        env.put("PATH", bin + File.pathSeparator + System.getenv("PATH"));
        env.put("LLMCACHE_URL", server.url());
        env.put("LLMCACHE_TOKEN", TOKEN);
        env.put("LLMCACHE_NAMESPACE", namespace);
        env.put("LLM_PROVIDER", "xai");
        env.put("LLM_MODEL", "grok-4");
        env.put("CALLS", work.resolve("calls").toString());
        env.putAll(extra);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), output);
    }

    private ApiClient api() {
        return server.api().withHeaders("Authorization", "Bearer " + TOKEN, "X-Cache-Namespace", namespace);
    }

    private List<String> calls() throws IOException {
        Path calls = work.resolve("calls");
        return Files.exists(calls) ? Files.readAllLines(calls) : new ArrayList<>();
    }

    private void write(String file, String content) throws IOException {
        Path path = repo.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, content, StandardCharsets.UTF_8);
    }

    private String git(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=ci", "-c", "user.email=ci@example.com",
                "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).directory(repo.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("git " + String.join(" ", arguments) + ": " + output).isZero();
        return output;
    }
}
