package dev.llmcache.bench;

import dev.llmcache.entry.EncodedResult;
import dev.llmcache.entry.ImportRepository;
import dev.llmcache.entry.KeyFactors;
import dev.llmcache.entry.NewEntry;
import dev.llmcache.entry.ResultCodec;
import dev.llmcache.support.ApiClient;
import dev.llmcache.support.SqliteTestDatabase;
import dev.llmcache.support.Sha256;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 11's listing target: {@code GET /api/v1/entries?limit=100} at a million entries, unfiltered and
 * with each filter (and the rarest combinations the shared {@code entries_list} index must skip through),
 * timed round-robin over HTTP on loopback beside a single hit, so that every figure sees the same load.
 * Entries: 20 repositories, 5 cache types, 5 models of 3 providers, spread evenly.
 * Usage: {@code [entries=1000000] [rounds=300]}; run with exec:exec, see src/bench/README.md.
 */
public final class ListingBenchmark {

    private static final String[] TYPES = {"refactor", "docs", "security", "tests", "review"};
    private static final String[] MODELS = {"grok-beta", "grok-2", "claude-3-5-sonnet", "gpt-4o", "gpt-4.1"};
    private static final String[] PROVIDERS = {"xai", "xai", "anthropic", "openai", "openai"};
    private static final int REPOS = 20;

    public static void main(String[] args) throws Exception {
        int entries = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        Path dataDir = Files.createTempDirectory("llmcache-listing-bench-");
        try (BenchServer server = new BenchServer(dataDir)) {
            long fillStart = System.nanoTime();
            fill(server, "bench", entries);
            System.out.printf(Locale.ROOT, "filled %,d entries in %.1f s (database %,d MB)%n", entries,
                    (System.nanoTime() - fillStart) / 1e9, Files.size(dataDir.resolve("cache.db")) / (1 << 20));
            ApiClient api = server.api.inNamespace("bench");
            String hitKey = new KeyFactors(TYPES[0], MODELS[0], Sha256.hex("file 0"), "", 1).cacheKey();
            String next = api.get("/api/v1/entries?limit=100").json().get("next").asString();

            Map<String, String> queries = new LinkedHashMap<>();
            queries.put("hit GET /entries/{key}", "/api/v1/entries/" + hitKey);
            queries.put("no filter (first page)", "/api/v1/entries?limit=100");
            queries.put("no filter (second page, cursor)", "/api/v1/entries?limit=100&after=" + next);
            queries.put("cacheType (20 %)", "/api/v1/entries?limit=100&cacheType=docs");
            queries.put("model (20 %)", "/api/v1/entries?limit=100&model=gpt-4o");
            queries.put("provider (40 %)", "/api/v1/entries?limit=100&provider=openai");
            queries.put("repoPath (5 %)", "/api/v1/entries?limit=100&repoPath=/home/dev/project-7");
            queries.put("repoPath + cacheType (1 %)", "/api/v1/entries?limit=100&repoPath=/home/dev/project-7"
                    + "&cacheType=docs");
            queries.put("repoPath + cacheType + model (0.2 %)", "/api/v1/entries?limit=100"
                    + "&repoPath=/home/dev/project-7&cacheType=docs&model=gpt-4o");
            queries.put("filePath (1 entry)", "/api/v1/entries?limit=100&filePath=src/module_12345/lib.rs");
            queries.put("cacheType with no entry", "/api/v1/entries?limit=100&cacheType=nothing");

            Map<String, Timing> timings = new LinkedHashMap<>();
            queries.forEach((name, path) -> {
                ApiClient.Response first = api.get(path);
                if (first.status() != 200) {
                    throw new IllegalStateException(name + " answered " + first);
                }
                int items = first.json().has("items") ? first.json().get("items").size() : 1;
                System.out.printf(Locale.ROOT, "%-40s %3d item(s)%n", name, items);
                timings.put(name, new Timing(rounds));
            });
            for (int i = 0; i < 100; i++) { // warm up every path (JIT, pools, page cache)
                queries.values().forEach(api::get);
            }
            for (int i = 0; i < rounds; i++) {
                for (Map.Entry<String, String> query : queries.entrySet()) {
                    long start = System.nanoTime();
                    ApiClient.Response response = api.get(query.getValue());
                    timings.get(query.getKey()).add(System.nanoTime() - start);
                    if (response.status() != 200) {
                        throw new IllegalStateException(query.getKey() + " answered " + response);
                    }
                }
            }
            timings.forEach((name, timing) -> System.out.printf(Locale.ROOT, "%-40s %s%n", name, timing));
        } finally {
            SqliteTestDatabase.delete(dataDir);
        }
    }

    /** The import's bulk insert in transactions of 10,000, newest last; the triggers keep the aggregates exact. */
    private static void fill(BenchServer server, String namespace, int count) {
        ImportRepository imports = server.context.getBean(ImportRepository.class);
        TransactionTemplate transactions = server.context.getBean(TransactionTemplate.class);
        ResultCodec codec = server.context.getBean(ResultCodec.class);
        JsonMapper json = JsonMapper.builder().build();
        EncodedResult result = codec.encode(json.valueToTree(Map.of("complexity_score", 42,
                "code_smells", List.of("long method", "deep nesting"))));
        long now = System.currentTimeMillis();
        for (int from = 0; from < count; from += 10_000) {
            int start = from;
            int end = Math.min(count, from + 10_000);
            transactions.executeWithoutResult(status -> {
                List<NewEntry> rows = new ArrayList<>();
                long[] costs = new long[end - start];
                for (int i = start; i < end; i++) {
                    int model = (i / TYPES.length) % MODELS.length;
                    String file = "src/module_" + i + "/lib.rs";
                    rows.add(new NewEntry(namespace, new KeyFactors(TYPES[i % TYPES.length], MODELS[model],
                            Sha256.hex("file " + i), "", 1), null, "/home/dev/project-" + (i / 7) % REPOS, file,
                            4096L, PROVIDERS[model], 1000 + i % 5000, null, null, null, null, result,
                            Instant.ofEpochMilli(now - (count - i)), null));
                    costs[i - start] = 10_000_000L + i % 1000;
                }
                imports.insertAllIfAbsent(rows, costs);
            });
        }
    }
}
