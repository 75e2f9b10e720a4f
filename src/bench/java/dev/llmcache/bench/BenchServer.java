package dev.llmcache.bench;

import dev.llmcache.LlmCacheServerApplication;
import dev.llmcache.entry.EncodedResult;
import dev.llmcache.entry.ImportRepository;
import dev.llmcache.entry.KeyFactors;
import dev.llmcache.entry.NewEntry;
import dev.llmcache.entry.ResultCodec;
import dev.llmcache.support.Sha256;
import dev.llmcache.support.ApiClient;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real server for benchmarks, on a data directory of the benchmark's choosing, with a fast way
 * to fill its database with realistic rows (the import's multi-row inserts: the triggers keep the aggregates exact).
 */
final class BenchServer implements AutoCloseable {

    final ConfigurableApplicationContext context;
    final ApiClient api;

    BenchServer(Path dataDir, String... extraArguments) {
        List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--cache.data-dir=" + dataDir,
                "--logging.level.root=warn", "--cache.sqlite.synchronous=NORMAL"));
        arguments.addAll(List.of(extraArguments));
        context = new SpringApplicationBuilder(LlmCacheServerApplication.class).run(arguments.toArray(String[]::new));
        api = new ApiClient(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
    }

    /** Inserts {@code count} entries in namespace {@code namespace} with the import's bulk insert, in transactions of 10,000. */
    void fill(String namespace, int count) {
        ImportRepository imports = context.getBean(ImportRepository.class);
        TransactionTemplate transactions = context.getBean(TransactionTemplate.class);
        ResultCodec codec = context.getBean(ResultCodec.class);
        JsonMapper json = JsonMapper.builder().build();
        String[] types = {"refactor", "docs", "security", "tests", "review"};
        String[] models = {"grok-beta", "grok-2", "claude-3-5-sonnet", "gpt-4o", "gemini-1.5-pro"};
        long now = System.currentTimeMillis();
        for (int from = 0; from < count; from += 10_000) {
            int start = from;
            int end = Math.min(count, from + 10_000);
            transactions.executeWithoutResult(status -> {
                List<NewEntry> rows = new ArrayList<>();
                long[] costs = new long[end - start];
                for (int i = start; i < end; i++) {
                    String type = types[i % types.length];
                    String model = models[(i / 5) % models.length];
                    String fileHash = Sha256.hex("file " + i);
                    EncodedResult result = codec.encode(json.valueToTree(Map.of("path", "src/file" + i + ".rs",
                            "complexity_score", i % 100, "code_smells", List.of("long method", "deep nesting"))));
                    rows.add(new NewEntry(namespace, new KeyFactors(type, model, fileHash, "", 1), null, "/repo",
                            "src/file" + i + ".rs", 4096L, "xai", 1000 + i % 5000, null, null, null, null, result,
                            Instant.ofEpochMilli(now - (count - i)), null));
                    costs[i - start] = 10_000_000L + i % 1000;
                }
                imports.insertAllIfAbsent(rows, costs);
            });
        }
    }

    @Override
    public void close() {
        context.close();
    }
}
