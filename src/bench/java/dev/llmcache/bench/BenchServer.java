package dev.llmcache.bench;

import dev.llmcache.LlmCacheServerApplication;
import dev.llmcache.entry.KeyFactors;
import dev.llmcache.entry.ResultCodec;
import dev.llmcache.entry.EncodedResult;
import dev.llmcache.support.Sha256;
import dev.llmcache.support.ApiClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real server for benchmarks, on a data directory of the benchmark's choosing, with a fast way
 * to fill its database with realistic rows (batched SQL: the triggers keep the aggregates exact).
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

    /** Inserts {@code count} entries in namespace {@code namespace}, in transactions of 10,000. */
    void fill(String namespace, int count) {
        NamedParameterJdbcTemplate jdbc = context.getBean(NamedParameterJdbcTemplate.class);
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
                List<SqlParameterSource> rows = new ArrayList<>();
                for (int i = start; i < end; i++) {
                    String type = types[i % types.length];
                    String model = models[(i / 5) % models.length];
                    String fileHash = Sha256.hex("file " + i);
                    EncodedResult result = codec.encode(json.valueToTree(Map.of("path", "src/file" + i + ".rs",
                            "complexity_score", i % 100, "code_smells", List.of("long method", "deep nesting"))));
                    rows.add(new MapSqlParameterSource()
                            .addValue("namespace", namespace)
                            .addValue("key", new KeyFactors(type, model, fileHash, "", 1).cacheKey())
                            .addValue("type", type).addValue("filePath", "src/file" + i + ".rs").addValue("fileHash", fileHash)
                            .addValue("model", model).addValue("tokens", 1000 + i % 5000)
                            .addValue("cost", 10_000_000L + i % 1000).addValue("resultBytes", result.resultBytes())
                            .addValue("storedBytes", result.storedBytes()).addValue("etag", result.etag())
                            .addValue("at", now - (count - i)).addValue("result", result.frame()));
                }
                jdbc.batchUpdate("""
                        INSERT INTO entries (namespace, cache_key, cache_type, repo_path, file_path, file_hash, provider,
                            model, prompt_hash, schema_version, tokens_used, cost_nanos, file_size, result_bytes,
                            stored_bytes, result_etag, created_at, last_accessed_at, access_count)
                        VALUES (:namespace, :key, :type, '/repo', :filePath, :fileHash, 'xai', :model, '', 1, :tokens,
                            :cost, 4096, :resultBytes, :storedBytes, :etag, :at, :at, 0)
                        """, rows.toArray(SqlParameterSource[]::new));
                jdbc.batchUpdate("""
                        INSERT INTO entry_results (entry_id, result)
                        SELECT id, :result FROM entries WHERE namespace = :namespace AND cache_key = :key
                        """, rows.toArray(SqlParameterSource[]::new));
            });
        }
    }

    @Override
    public void close() {
        context.close();
    }
}
