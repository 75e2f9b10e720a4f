package dev.llmcache.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcache.client.StubCacheServer.Answer;
import dev.llmcache.client.StubCacheServer.Request;
import dev.llmcache.support.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The client's side of the contract's miss leases, budget enforcement and failure answers, against
 * {@link StubCacheServer} answering as the contract says: what the client sends, what it runs,
 * what it releases and how it exits. The real server's side is in {@link LlmcacheClientIntegrationTests}.
 */
class LlmcacheClientProtocolTests {

    private static final String TOKEN = "stub-token-do-not-print-7f3a";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ANALYSIS = """
            echo run >> calls
            printf '%s' "$USAGE" > "$LLMCACHE_USAGE"
            printf '{"complexity_score": 12}'
            """;

    @TempDir
    Path work;

    private StubCacheServer stub;
    private ClientScript client;
    private String key;

    @BeforeEach
    void setUp() throws IOException {
        ClientScript.assumeToolsInstalled();
        stub = new StubCacheServer();
        Files.writeString(work.resolve("main.rs"), "fn main() {}\n", StandardCharsets.UTF_8);
        String fileHash = Sha256.hex(Files.readAllBytes(work.resolve("main.rs")));
        key = Sha256.hex("refactor\ngrok-beta\n" + fileHash + "\n\n1");
        client = new ClientScript(work).env("LLMCACHE_URL", stub.url() + "/").env("LLMCACHE_TOKEN", TOKEN)
                .env("LLMCACHE_NAMESPACE", "team-a").env("USAGE", "{\"inputTokens\": 4000, \"outputTokens\": 1420}");
    }

    @AfterEach
    void stop() {
        if (stub != null) {
            stub.close();
        }
    }

    @Test
    void aMissWithALeaseRunsTheCommandAndStoresWithTheLease() throws IOException {
        stub.answer(request -> switch (request.method()) {
            case "GET" -> leaseGranted();
            case "POST" -> Answer.json(201, "{\"costUsd\": 0.0413}");
            default -> Answer.empty(500);
        });

        ClientScript.Result run = run("--lease", "PT2M", "--wait", "PT30S", "--repo-path", "/home/ana/proj");

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(JSON.readTree(run.stdout())).isEqualTo(JSON.readTree("{\"complexity_score\": 12}"));
        assertThat(calls()).hasSize(1);
        Request lookup = stub.requests("GET").get(0);
        assertThat(lookup.path()).isEqualTo("/api/v1/entries/" + key);
        assertThat(lookup.query()).isEqualTo("lease=PT2M&wait=PT30S");
        Request store = stub.requests("POST").get(0);
        assertThat(store.path()).isEqualTo("/api/v1/entries");
        assertThat(store.header("Cache-Lease")).isEqualTo("lease-1");
        assertThat(store.header("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(store.header("X-Cache-Namespace")).isEqualTo("team-a");
        assertThat(store.header("Content-Type")).isEqualTo("application/json");
        assertThat(JSON.readTree(store.body())).isEqualTo(JSON.readTree("""
                {"cacheType": "refactor", "filePath": "main.rs", "fileHash": "%s", "fileSize": 13,
                 "repoPath": "/home/ana/proj", "provider": "xai", "model": "grok-beta", "promptHash": "",
                 "schemaVersion": 1, "result": {"complexity_score": 12}, "inputTokens": 4000, "outputTokens": 1420}
                """.formatted(Sha256.hex(Files.readAllBytes(work.resolve("main.rs"))))));
        assertThat(stub.requests("DELETE")).as("a stored lease is not released").isEmpty();
        assertThat(run.stdout() + run.stderr()).doesNotContain(TOKEN);
    }

    @Test
    void theLookupAsksForALeaseAndAWaitOfTenMinutesByDefault() {
        stub.answer(request -> Answer.json(200, "{\"cacheKey\": \"" + key + "\", \"result\": [1, 2]}"));
        ClientScript.Result run = run();
        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(stub.requests("GET").get(0).query()).isEqualTo("lease=PT10M&wait=PT10M");
        assertThat(calls()).isEmpty();
    }

    @Test
    void theLeaseIdIsTakenFromTheBodyWhenTheHeaderIsMissing() {
        stub.answer(request -> request.method().equals("GET")
                ? Answer.json(404, "{\"status\": 404, \"detail\": \"a miss\", \"lease\": {\"id\": \"lease-b\", \"expiresAt\": \"2026-11-21T08:25:00Z\"}}")
                : Answer.json(201, "{\"costUsd\": 0}"));
        ClientScript.Result run = run();
        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(stub.requests("POST").get(0).header("Cache-Lease")).isEqualTo("lease-b");
    }

    @Test
    void tokenCountsAndTheProvidersUsageObjectArePassedOnAndNothingElse() throws IOException {
        stub.answer(request -> request.method().equals("GET") ? leaseGranted() : Answer.json(201, "{\"costUsd\": 0.01}"));
        ClientScript.Result run = client.env("USAGE", """
                {"usage": {"prompt_tokens": 120, "completion_tokens": 30, "prompt_tokens_details": {"cached_tokens": 100}},
                 "cachedInputTokens": 7, "cacheWriteTokens": 2, "tokensUsed": 9, "model": "not-a-token-field"}""")
                .run(runArguments());
        assertThat(run.exit()).as(run.toString()).isZero();
        JsonNode body = JSON.readTree(stub.requests("POST").get(0).body());
        assertThat(body.get("usage")).isEqualTo(JSON.readTree(
                "{\"prompt_tokens\": 120, \"completion_tokens\": 30, \"prompt_tokens_details\": {\"cached_tokens\": 100}}"));
        assertThat(body.get("cachedInputTokens").asLong()).isEqualTo(7);
        assertThat(body.get("cacheWriteTokens").asLong()).isEqualTo(2);
        assertThat(body.get("tokensUsed").asLong()).isEqualTo(9);
        assertThat(body.get("model").asString()).isEqualTo("grok-beta");
        assertThat(body.has("inputTokens")).isFalse();
    }

    @Test
    void aUsageFileThatIsNotAnObjectIsIgnoredWithAWarning() throws IOException {
        stub.answer(request -> request.method().equals("GET") ? leaseGranted() : Answer.json(201, "{\"costUsd\": 0}"));
        ClientScript.Result run = client.env("USAGE", "4000 tokens").run(runArguments());
        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.stderr()).contains("warning").contains("LLMCACHE_USAGE");
        JsonNode body = JSON.readTree(stub.requests("POST").get(0).body());
        assertThat(body.has("inputTokens") || body.has("usage") || body.has("tokensUsed")).isFalse();
    }

    @Test
    void aFailingCommandReleasesTheLeaseAndExitsWithItsStatus() {
        stub.answer(request -> request.method().equals("GET") ? leaseGranted() : Answer.empty(204));
        ClientScript.Result run = client.run("run", "--type", "refactor", "--provider", "xai", "--model", "grok-beta",
                "--file", "main.rs", "--", "sh", "-c", "exit 42");
        assertThat(run.exit()).as(run.toString()).isEqualTo(42);
        assertThat(stub.requests("POST")).isEmpty();
        assertThat(stub.requests("DELETE")).extracting(Request::path).containsExactly("/api/v1/leases/lease-1");
        assertThat(stub.requests("DELETE").get(0).header("Authorization")).isEqualTo("Bearer " + TOKEN);
    }

    @Test
    void outputThatIsNotJsonReleasesTheLeaseAndExits65() {
        // 404: the lease already ended (expired); the client does not complain.
        stub.answer(request -> request.method().equals("GET") ? leaseGranted() : Answer.json(404, "{\"status\": 404}"));
        ClientScript.Result run = client.run("run", "--type", "refactor", "--provider", "xai", "--model", "grok-beta",
                "--file", "main.rs", "--", "echo", "no JSON here");
        assertThat(run.exit()).as(run.toString()).isEqualTo(65);
        assertThat(stub.requests("DELETE")).extracting(Request::path).containsExactly("/api/v1/leases/lease-1");
        assertThat(run.stderr()).doesNotContain("could not release");
    }

    @Test
    void aRefusedStoreReleasesTheLease() {
        stub.answer(request -> switch (request.method()) {
            case "GET" -> leaseGranted();
            case "POST" -> Answer.json(413, "{\"status\": 413, \"detail\": \"The result is over the limit of 8 MiB.\"}");
            default -> Answer.empty(204);
        });
        ClientScript.Result run = run();
        assertThat(run.exit()).as(run.toString()).isEqualTo(74);
        assertThat(run.stderr()).contains("The result is over the limit of 8 MiB.");
        assertThat(stub.requests("DELETE")).extracting(Request::path).containsExactly("/api/v1/leases/lease-1");
    }

    @Test
    void aRunStoppedBySigtermReleasesItsLeaseOnceTheCommandEnds() throws Exception {
        stub.answer(request -> request.method().equals("GET") ? leaseGranted() : Answer.empty(204));
        ClientScript.Running running = client.start("run", "--type", "refactor", "--provider", "xai", "--model", "grok-beta",
                "--file", "main.rs", "--", "sh", "-c", "echo started >> calls; sleep 1; echo '{}'");
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (calls().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        running.process().destroy(); // SIGTERM to the client only, as when a CI runner stops the job's shell
        ClientScript.Result run = running.await();
        assertThat(run.exit()).as(run.toString()).isEqualTo(143);
        assertThat(stub.requests("POST")).isEmpty();
        assertThat(stub.requests("DELETE")).extracting(Request::path).containsExactly("/api/v1/leases/lease-1");
    }

    @Test
    void anExceededBudgetExits72WithTheDetailAndDoesNotRunTheCommand() {
        stub.answer(request -> Answer.json(402, """
                {"type": "/problems/budget-exceeded", "title": "Payment Required", "status": 402,
                 "detail": "The budget of namespace team-a is exceeded: $3.20 of $3.00 spent this month.",
                 "spentUsd": 3.2, "monthlyBudgetUsd": 3.0}""", "Cache-Budget-Status", "EXCEEDED"));
        ClientScript.Result run = run();
        assertThat(run.exit()).as(run.toString()).isEqualTo(72);
        assertThat(run.stderr()).contains("$3.20 of $3.00 spent this month");
        assertThat(run.stdout()).isEmpty();
        assertThat(calls()).isEmpty();
        assertThat(stub.requests()).hasSize(1);
    }

    @Test
    void whenAnotherClientStillHoldsTheLeaseRunExits75UnlessToldToRunAnyway() {
        stub.answer(request -> request.method().equals("GET")
                ? Answer.json(404, "{\"status\": 404, \"detail\": \"a miss\", \"leaseHeldUntil\": \"2026-11-21T08:25:00Z\"}",
                        "Retry-After", "60")
                : Answer.json(201, "{\"costUsd\": 0.0413}"));

        ClientScript.Result busy = run();
        assertThat(busy.exit()).as(busy.toString()).isEqualTo(75);
        assertThat(busy.stderr()).contains("2026-11-21T08:25:00Z");
        assertThat(calls()).isEmpty();

        ClientScript.Result anyway = run("--on-busy", "run");
        assertThat(anyway.exit()).as(anyway.toString()).isZero();
        assertThat(calls()).hasSize(1);
        assertThat(stub.requests("POST").get(0).header("Cache-Lease")).isNull();
    }

    @Test
    void serverErrorsExit77AndRateLimitsExit76() {
        stub.answer(request -> Answer.json(503, "{\"status\": 503, \"detail\": \"The database cannot be reached; retry later.\"}"));
        ClientScript.Result down = run();
        assertThat(down.exit()).as(down.toString()).isEqualTo(77);
        assertThat(down.stderr()).contains("The database cannot be reached");

        stub.answer(request -> Answer.json(429, "{\"status\": 429, \"detail\": \"Too many requests.\"}", "Retry-After", "3"));
        ClientScript.Result limited = run();
        assertThat(limited.exit()).as(limited.toString()).isEqualTo(76);
        assertThat(limited.stderr()).contains("retry after 3s");
        assertThat(calls()).isEmpty();
    }

    @Test
    void anAnswerThatIsNotTheServersExits78() {
        for (int status : new int[] {404, 200}) {
            stub.answer(request -> new Answer(status, java.util.Map.of("Content-Type", "text/html"), "<h1>Some other site</h1>"));
            ClientScript.Result run = run();
            assertThat(run.exit()).as(run.toString()).isEqualTo(78);
            assertThat(run.stderr()).contains("LLMCACHE_URL");
            assertThat(run.stdout()).isEmpty();
        }
        assertThat(calls()).isEmpty();
    }

    @Test
    void theTokenIsOnNoProcesssCommandLine() throws Exception {
        stub.answer(request -> {
            sleep(1500);
            return Answer.json(200, "{\"result\": {}}");
        });
        ClientScript.Running running = client.start(runArguments());
        List<String> commandLines = new ArrayList<>();
        long deadline = System.nanoTime() + 1_200_000_000L;
        while (System.nanoTime() < deadline) {
            commandLines.addAll(commandLines());
            Thread.sleep(50);
        }
        ClientScript.Result run = running.await();
        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(commandLines).as("curl was seen while it waited for the answer")
                .anyMatch(line -> line.startsWith("curl") && line.contains("--config"));
        assertThat(commandLines).noneMatch(line -> line.contains(TOKEN));
    }

    private ClientScript.Result run(String... options) {
        List<String> arguments = new ArrayList<>(List.of(runArguments()));
        arguments.addAll(arguments.indexOf("--"), List.of(options));
        return client.run(arguments.toArray(String[]::new));
    }

    private static String[] runArguments() {
        return new String[] {"run", "--type", "refactor", "--provider", "xai", "--model", "grok-beta", "--file", "main.rs",
                "--", "sh", "-c", ANALYSIS};
    }

    private Answer leaseGranted() {
        return Answer.json(404, """
                {"type": "/problems/not-found", "status": 404, "detail": "No entry: a miss.", "instance": "/api/v1/entries/%s",
                 "lease": {"id": "lease-1", "expiresAt": "2026-11-21T08:25:00Z"}}""".formatted(key),
                "Cache-Lease", "lease-1", "Cache-Lease-Expires", "2026-11-21T08:25:00Z", "Cache-Budget-Status", "OK");
    }

    private List<String> calls() {
        try {
            Path calls = work.resolve("calls");
            return Files.exists(calls) ? Files.readAllLines(calls) : List.of();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Every process's command line, arguments joined by spaces (what ps shows to any user). */
    private static List<String> commandLines() throws IOException {
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            return processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .map(p -> p.resolve("cmdline")).map(LlmcacheClientProtocolTests::readQuietly)
                    .filter(line -> !line.isEmpty()).toList();
        }
    }

    private static String readQuietly(Path cmdline) {
        try {
            return new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8).replace('\0', ' ').trim();
        } catch (IOException gone) {
            return "";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
