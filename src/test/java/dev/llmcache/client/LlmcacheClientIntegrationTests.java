package dev.llmcache.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcache.support.Sha256;
import dev.llmcache.support.ApiClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code llmcache} script against a real server (see {@link ServerUnderTest} for which one):
 * keys, hits and misses, {@code run}, and an exit code for each failure. Each test works in a
 * namespace of its own, on the {@link SharedServer}.
 */
@ExtendWith(SharedServer.class)
class LlmcacheClientIntegrationTests {

    private static final String WRITER = SharedServer.WRITER;
    private static final String READER = SharedServer.READER;
    private static final String ADMIN = SharedServer.ADMIN;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** An analysis command: counts its calls in ./calls, reports tokens, prints a result. */
    private static final String ANALYSIS = """
            echo "$LLMCACHE_FILE" >> calls
            printf '{"inputTokens": 4000, "outputTokens": 1420}' > "$LLMCACHE_USAGE"
            printf '{"complexity_score": 12, "code_smells": ["long method"], "file": "%s"}' "$1"
            """;

    private static ServerUnderTest server;

    @TempDir
    Path work;

    private String namespace;
    private ApiClient api;
    private ClientScript client;

    @BeforeAll
    static void server(ServerUnderTest shared) {
        server = shared;
    }

    @BeforeEach
    void namespaceOfItsOwn() {
        namespace = "t-" + UUID.randomUUID().toString().substring(0, 12);
        api = server.api().withHeaders("Authorization", "Bearer " + WRITER, "X-Cache-Namespace", namespace);
        client = new ClientScript(work).env("LLMCACHE_URL", server.url()).env("LLMCACHE_TOKEN", WRITER)
                .env("LLMCACHE_NAMESPACE", namespace);
    }

    @Test
    void keyIsTheKeyTheServerComputes() throws IOException {
        String content = "fn main() { println!(\"héllo ✓\"); }\n";
        write("src/main.rs", content);

        ClientScript.Result key = client.run("key", "--type", "refactor", "--model", "grok-beta", "--file", "src/main.rs",
                "--prompt-hash", "9f2c1a7b", "--schema", "3");

        ApiClient.Response stored = api.post("/api/v1/entries", Map.of("cacheType", "refactor", "filePath", "src/main.rs",
                "content", content, "provider", "xai", "model", "grok-beta", "promptHash", "9f2c1a7b", "schemaVersion", 3,
                "result", Map.of("ok", true)));
        assertThat(stored.status()).isEqualTo(201);
        assertThat(key.exit()).as(key.toString()).isZero();
        assertThat(key.stdout()).isEqualTo(stored.json().get("cacheKey").asString() + "\n");
    }

    @Test
    void getExitsOneOnAMissAndPrintsTheResultOnAHit() throws IOException {
        write("a.rs", "fn a() {}\n" + namespace);
        String[] get = {"get", "--type", "refactor", "--model", "grok-beta", "--file", "a.rs"};

        ClientScript.Result miss = client.run(get);
        assertThat(miss.exit()).as(miss.toString()).isEqualTo(1);
        assertThat(miss.stdout()).isEmpty();
        assertThat(miss.stderr()).contains("miss");

        storeDirectly("a.rs", Map.of("complexity_score", 7, "code_smells", List.of()));
        ClientScript.Result hit = client.run(get);
        assertThat(hit.exit()).as(hit.toString()).isZero();
        assertThat(json(hit.stdout())).isEqualTo(json("{\"complexity_score\": 7, \"code_smells\": []}"));
    }

    @Test
    void runOnAMissRunsTheCommandOnceStoresTheResultWithItsTokensAndOnAHitDoesNotRunIt() throws IOException {
        write("src/lib.rs", "pub fn lib() {}\n" + namespace);
        String[] run = {"run", "--type", "refactor", "--provider", "xai", "--model", "grok-beta", "--file", "src/lib.rs",
                "--repo-path", "/home/ana/proj", "--prompt-hash", "p1", "--", "sh", "-c", ANALYSIS, "analysis", "src/lib.rs"};

        ClientScript.Result first = client.run(run);
        assertThat(first.exit()).as(first.toString()).isZero();
        assertThat(json(first.stdout()).get("file").asString()).isEqualTo("src/lib.rs");
        assertThat(calls()).containsExactly("src/lib.rs");

        JsonNode entry = api.get("/api/v1/entries/" + key("src/lib.rs", "p1")).json();
        assertThat(entry.get("result")).isEqualTo(json(first.stdout()));
        assertThat(entry.get("inputTokens").asLong()).isEqualTo(4000);
        assertThat(entry.get("outputTokens").asLong()).isEqualTo(1420);
        assertThat(entry.get("tokensUsed").asLong()).isEqualTo(5420);
        assertThat(entry.get("costUsd").decimalValue()).isPositive();
        assertThat(entry.get("filePath").asString()).isEqualTo("src/lib.rs");
        assertThat(entry.get("repoPath").asString()).isEqualTo("/home/ana/proj");
        assertThat(entry.get("provider").asString()).isEqualTo("xai");
        assertThat(entry.get("fileSize").asLong()).isEqualTo(Files.size(work.resolve("src/lib.rs")));
        assertThat(entry.get("writtenBy") == null || entry.get("writtenBy").isNull()
                || entry.get("writtenBy").asString().equals("writer")).isTrue();

        ClientScript.Result second = client.run(run);
        assertThat(second.exit()).as(second.toString()).isZero();
        assertThat(second.stdout()).isEqualTo(first.stdout());
        assertThat(second.stderr()).contains("hit");
        assertThat(calls()).as("a hit does not run the command").hasSize(1);
    }

    @Test
    void theCommandGetsTheKeyAndTheFileButNotTheToken() throws IOException {
        write("env.rs", "env\n" + namespace);
        ClientScript.Result run = client.run("run", "--type", "refactor", "--provider", "xai", "--model", "grok-beta",
                "--file", "env.rs", "--", "sh", "-c",
                "printf '{\"key\": \"%s\", \"file\": \"%s\", \"token\": \"%s\"}' \"$LLMCACHE_KEY\" \"$LLMCACHE_FILE\" \"${LLMCACHE_TOKEN:-none}\"");
        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(json(run.stdout())).isEqualTo(JSON.valueToTree(Map.of("key", key("env.rs", ""), "file", "env.rs", "token", "none")));
    }

    @Test
    void runWithAFailingCommandExitsWithItsStatusAndStoresNothing() throws IOException {
        write("fail.rs", "fail\n" + namespace);
        ClientScript.Result run = client.run("run", "--type", "refactor", "--provider", "xai", "--model", "grok-beta",
                "--file", "fail.rs", "--", "sh", "-c", "echo '{\"partial\": true}'; echo 'the LLM said no' >&2; exit 9");
        assertThat(run.exit()).as(run.toString()).isEqualTo(9);
        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderr()).contains("the LLM said no").contains("failed with status 9");
        assertThat(api.get("/api/v1/entries/" + key("fail.rs", "")).status()).isEqualTo(404);
    }

    @Test
    void runWithOutputThatIsNotJsonExits65AndStoresNothing() throws IOException {
        write("text.rs", "text\n" + namespace);
        for (String output : List.of("echo 'looks fine to me'", "true", "echo null", "echo '{} {}'")) {
            ClientScript.Result run = client.run("run", "--type", "refactor", "--provider", "xai", "--model", "grok-beta",
                    "--file", "text.rs", "--", "sh", "-c", output);
            assertThat(run.exit()).as(output + ": " + run).isEqualTo(65);
            assertThat(run.stderr()).contains("not one JSON value");
        }
        assertThat(api.get("/api/v1/entries/" + key("text.rs", "")).status()).isEqualTo(404);
    }

    @Test
    void anUnknownOrMissingTokenExits71AndTheTokenIsNeverPrinted() throws IOException {
        write("t.rs", "t\n");
        ClientScript.Result wrong = client.env("LLMCACHE_TOKEN", "not-a-known-token-s3cr3t")
                .run("get", "--type", "refactor", "--model", "grok-beta", "--file", "t.rs");
        assertThat(wrong.exit()).as(wrong.toString()).isEqualTo(71);
        assertThat(wrong.stderr()).contains("401").contains("LLMCACHE_TOKEN").doesNotContain("s3cr3t");
        assertThat(wrong.stdout()).isEmpty();

        ClientScript.Result none = client.env("LLMCACHE_TOKEN", "")
                .run("run", "--type", "refactor", "--provider", "xai", "--model", "grok-beta", "--file", "t.rs", "--", "sh", "-c", ANALYSIS);
        assertThat(none.exit()).as(none.toString()).isEqualTo(71);
        assertThat(none.stderr()).contains("set LLMCACHE_TOKEN");
        assertThat(work.resolve("calls")).doesNotExist();
    }

    @Test
    void aReadTokenCannotStoreExits73AndStillPrintsThePaidForResult() throws IOException {
        write("r.rs", "r\n" + namespace);
        ClientScript.Result run = client.env("LLMCACHE_TOKEN", READER).run("run", "--type", "refactor", "--provider", "xai",
                "--model", "grok-beta", "--file", "r.rs", "--", "sh", "-c", ANALYSIS, "analysis", "r.rs");
        assertThat(run.exit()).as(run.toString()).isEqualTo(73);
        assertThat(run.stderr()).contains("403");
        assertThat(json(run.stdout()).get("file").asString()).isEqualTo("r.rs");
        assertThat(api.get("/api/v1/entries/" + key("r.rs", "")).status()).isEqualTo(404);
    }

    @Test
    void aReadTokenWaitsWithoutALeaseAndGetsTheResultAnotherClientStores() throws IOException {
        write("w.rs", "w\n" + namespace);
        ApiClient writer = server.api().withHeaders("Authorization", "Bearer " + WRITER, "X-Cache-Namespace", namespace);
        ApiClient.Response holder = writer.get("/api/v1/entries/" + key("w.rs", "") + "?lease=PT1M");
        assertThat(holder.header("Cache-Lease")).isNotBlank();

        ClientScript.Running waiting = client.env("LLMCACHE_TOKEN", READER).start("run", "--type", "refactor", "--provider", "xai",
                "--model", "grok-beta", "--file", "w.rs", "--wait", "PT1M", "--", "sh", "-c", ANALYSIS, "analysis", "w.rs");
        storeDirectly("w.rs", Map.of("file", "w.rs", "by", "the lease holder"));
        ClientScript.Result run = waiting.await();

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(json(run.stdout()).get("by").asString()).isEqualTo("the lease holder");
        assertThat(work.resolve("calls")).doesNotExist();
    }

    @Test
    void anUnreachableServerExits69() throws IOException {
        write("u.rs", "u\n");
        ClientScript.Result get = client.env("LLMCACHE_URL", "http://127.0.0.1:" + ServerUnderTest.freePort())
                .run("get", "--type", "refactor", "--model", "grok-beta", "--file", "u.rs");
        assertThat(get.exit()).as(get.toString()).isEqualTo(69);
        assertThat(get.stderr()).contains("no answer from the server");
    }

    @Test
    void aResultOverTheServersLimitExits74StoresNothingAndIsStillPrinted() throws IOException {
        write("big.rs", "big\n" + namespace);
        ClientScript.Result run = client.run("run", "--type", "refactor", "--provider", "xai", "--model", "grok-beta",
                "--file", "big.rs", "--", "sh", "-c", "printf '{\"text\": \"%s\"}' \"$(head -c 6000 /dev/zero | tr '\\0' a)\"");
        assertThat(run.exit()).as(run.toString()).isEqualTo(74);
        assertThat(run.stderr()).contains("413").contains("cache.limits.max-result-bytes");
        assertThat(json(run.stdout()).get("text").asString()).hasSize(6000);
        assertThat(api.get("/api/v1/entries/" + key("big.rs", "")).status()).isEqualTo(404);
    }

    @Test
    void aStoreTheServerRefusesExits70WithTheFieldErrors() throws IOException {
        write("v.rs", "v\n" + namespace);
        ClientScript.Result run = client.run("run", "--type", "refactor", "--provider", "x".repeat(65), "--model", "grok-beta",
                "--file", "v.rs", "--", "sh", "-c", "echo '{}'");
        assertThat(run.exit()).as(run.toString()).isEqualTo(70);
        assertThat(run.stderr()).contains("400").contains("provider: must be 1 to 64 characters");
    }

    @Test
    void theNamespaceHeaderIsSentOnlyWhenLlmcacheNamespaceIsSet() throws IOException {
        String content = "namespaced\n" + UUID.randomUUID();
        write("n.rs", content);
        ClientScript.Result inNamespace = client.run("run", "--type", "refactor", "--provider", "xai", "--model", "grok-beta",
                "--file", "n.rs", "--", "sh", "-c", "echo '{\"n\": 1}'");
        assertThat(inNamespace.exit()).as(inNamespace.toString()).isZero();
        ApiClient defaultNamespace = server.api().withHeaders("Authorization", "Bearer " + WRITER);
        assertThat(defaultNamespace.get("/api/v1/entries/" + key("n.rs", "")).status()).isEqualTo(404);

        ClientScript.Result inDefault = new ClientScript(work).env("LLMCACHE_URL", server.url()).env("LLMCACHE_TOKEN", WRITER)
                .run("run", "--type", "refactor", "--provider", "xai", "--model", "grok-beta", "--file", "n.rs", "--",
                        "sh", "-c", "echo '{\"n\": 2}'");
        assertThat(inDefault.exit()).as(inDefault.toString()).isZero();
        assertThat(defaultNamespace.get("/api/v1/entries/" + key("n.rs", "")).json().get("namespace").asString()).isEqualTo("default");
    }

    @Test
    void theServerServesTheRepositorysScriptWithoutAToken() throws IOException {
        ApiClient anonymous = server.api();
        ApiClient.Response served = anonymous.get("/client/llmcache");
        assertThat(served.status()).isEqualTo(200);
        assertThat(served.header("Content-Type")).isEqualToIgnoringCase("text/plain;charset=UTF-8");
        assertThat(served.body()).isEqualTo(Files.readString(ClientScript.SCRIPT, StandardCharsets.UTF_8));
        String etag = served.header("ETag");
        assertThat(etag).isEqualTo("\"" + Sha256.hex(Files.readAllBytes(ClientScript.SCRIPT)) + "\"");
        assertThat(anonymous.get("/client/llmcache", "If-None-Match", etag).status()).isEqualTo(304);
        assertThat(anonymous.head("/client/llmcache").status()).isEqualTo(200);
    }

    @Test
    void twoRunsAtOnceOnTheSameFileRunTheCommandOnce() throws IOException {
        write("same.rs", "same\n" + namespace);
        String[] run = {"run", "--type", "refactor", "--provider", "xai", "--model", "grok-beta", "--file", "same.rs",
                "--lease", "PT1M", "--wait", "PT1M", "--", "sh", "-c", "sleep 3; " + ANALYSIS, "analysis", "same.rs"};
        ClientScript.Running first = client.start(run);
        ClientScript.Running second = client.start(run);
        ClientScript.Result one = first.await();
        ClientScript.Result two = second.await();

        assertThat(one.exit()).as(one.toString()).isZero();
        assertThat(two.exit()).as(two.toString()).isZero();
        assertThat(calls()).as("one LLM call between the two runs").hasSize(1);
        assertThat(json(one.stdout())).isEqualTo(json(two.stdout()));
    }

    @Test
    void anExceededEnforcedBudgetExits72WithoutRunningTheCommand() throws IOException {
        ApiClient admin = server.api().withHeaders("Authorization", "Bearer " + ADMIN, "X-Cache-Namespace", namespace);
        assertThat(admin.put("/api/v1/budget", Map.of("monthlyBudgetUsd", 0.01, "warningThreshold", 0.5,
                "alertThreshold", 0.9)).status()).isEqualTo(200);
        write("spent.rs", "spent\n" + namespace);
        storeDirectly("spent.rs", Map.of("spent", true));
        write("next.rs", "next\n" + namespace);

        ClientScript.Result run = client.run("run", "--type", "refactor", "--provider", "xai", "--model", "grok-beta",
                "--file", "next.rs", "--", "sh", "-c", ANALYSIS);
        assertThat(run.exit()).as(run.toString()).isEqualTo(72);
        assertThat(run.stderr()).contains("budget");
        assertThat(work.resolve("calls")).doesNotExist();
    }

    private void write(String file, String content) throws IOException {
        Path path = work.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, content, StandardCharsets.UTF_8);
    }

    /** Stores with inputTokens 4000 and outputTokens 1420 ($0.0413 on xai) through the API, not the client. */
    private void storeDirectly(String file, Object result) throws IOException {
        ApiClient.Response stored = api.post("/api/v1/entries", Map.of("cacheType", "refactor", "filePath", file,
                "content", Files.readString(work.resolve(file)), "provider", "xai", "model", "grok-beta", "result", result,
                "inputTokens", 4000, "outputTokens", 1420));
        assertThat(stored.status()).as(stored.toString()).isEqualTo(201);
    }

    /** The key as the server computes it (refactor, grok-beta, schema 1), for the API calls of the assertions. */
    private String key(String file, String promptHash) throws IOException {
        String fileHash = Sha256.hex(Files.readAllBytes(work.resolve(file)));
        return Sha256.hex("refactor\ngrok-beta\n" + fileHash + "\n" + promptHash + "\n1");
    }

    private List<String> calls() throws IOException {
        Path calls = work.resolve("calls");
        return Files.exists(calls) ? Files.readAllLines(calls) : List.of();
    }

    private static JsonNode json(String text) {
        return JSON.readTree(text);
    }
}
