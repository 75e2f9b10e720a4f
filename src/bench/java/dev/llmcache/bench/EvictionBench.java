package dev.llmcache.bench;

import dev.llmcache.entry.CostAwarePriority;
import dev.llmcache.entry.Names;
import dev.llmcache.eviction.EvictionLimits;
import dev.llmcache.eviction.EvictionPolicy;
import dev.llmcache.eviction.EvictionResult;
import dev.llmcache.eviction.EvictionService;
import dev.llmcache.support.Hex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Evicts {@code bench.evict} (100,000) of {@code bench.entries} (1,000,000) entries in a SQLite
 * database, with each policy, through the real server's EvictionService, while one thread keeps
 * storing entries through the real EntryService ({@code -Dbench.stores=false}: none): reports the dry
 * run's and the run's time, the run's CPU time, and the stores' latency before and during the run.
 *
 * <p>The database is filled once (batched inserts; sizes log-uniform 64 B..1 kB, real blobs of
 * that size) and copied for each policy. {@code bench.dir} chooses where (default: the temporary
 * directory, i.e. a real disk; SQLite runs with its default synchronous=FULL).
 *
 * <p>Run: {@code ./mvnw -q -Pbench test-compile exec:exec -Dbench.main=dev.llmcache.bench.EvictionBench}; options as system
 * properties in {@code -Dbench.jvm="-Xmx1g -D..."} (see the README, "Eviction")
 */
public final class EvictionBench {

    private static final String[] TYPES = {"refactor", "security", "docs", "tests", "review"};
    private static final String[] MODELS = {"grok-beta", "grok-2", "grok-3"};
    private static final int CHUNK = 10_000;
    /** CPU time of the evicting thread, SQLite's native work included: what the run costs without the waits. */
    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    private EvictionBench() {
    }

    public static void main(String[] args) throws Exception {
        int total = Integer.getInteger("bench.entries", 1_000_000);
        int evict = Integer.getInteger("bench.evict", 100_000);
        // -Dbench.template=DIR keeps the filled database in DIR and reuses it on the next run.
        String kept = System.getProperty("bench.template");
        Path template = kept != null ? Path.of(kept) : EvictionBenchServer.freshDirectory("llmcache-evict-template-");
        try {
            if (kept == null || !Files.exists(template.resolve("cache.db"))) {
                Files.createDirectories(template);
                long started = System.nanoTime();
                fill(template, total);
                System.out.printf("Filled %,d entries in %.1f s; ", total, seconds(started));
            }
            System.out.printf("database %,d bytes%n%n", size(template));
            System.out.printf("%-10s %9s %9s %9s %9s %12s | %-34s | %-34s%n", "policy", "dry run", "run", "run CPU", "evicted",
                    "freed bytes", "stores before (n, p50/p99/max ms)", "stores during the run");
            for (String name : System.getProperty("bench.policies", "COST_AWARE,LRU,OLDEST,LARGEST").split(",")) {
                EvictionPolicy policy = EvictionPolicy.valueOf(name.trim());
                run(template, policy, new EvictionLimits(null, (long) total - evict, null),
                        Boolean.parseBoolean(System.getProperty("bench.stores", "true")));
            }
        } finally {
            if (kept == null) {
                EvictionBenchServer.delete(template);
            }
        }
    }

    private static void run(Path template, EvictionPolicy policy, EvictionLimits limits, boolean withStores) throws Exception {
        Path dir = EvictionBenchServer.freshDirectory("llmcache-evict-" + policy + "-");
        try {
            copy(template, dir);
            long before = size(dir);
            try (ConfigurableApplicationContext server = EvictionBenchServer.start(dir, false,
                    "logging.level.dev.llmcache.eviction=" + System.getProperty("bench.log", "INFO"),
                    "cache.eviction.batch-size=" + Integer.getInteger("bench.batch", 500))) {
                EvictionService eviction = server.getBean(EvictionService.class);
                EvictionResult dry = eviction.evict(policy, limits, true).orElseThrow();
                StoreLoad load = new StoreLoad(server);
                Thread writer = new Thread(load, "bench-writer");
                if (withStores) {
                    writer.start();
                    Thread.sleep(3_000);
                }
                load.phase(StoreLoad.DURING);
                long cpu = THREADS.getCurrentThreadCpuTime();
                EvictionResult real = eviction.evict(policy, limits, false).orElseThrow();
                cpu = THREADS.getCurrentThreadCpuTime() - cpu;
                load.phase(StoreLoad.STOPPED);
                if (withStores) {
                    writer.join();
                }
                System.out.printf("%-10s %7.2f s %7.2f s %7.2f s %,9d %,12d | %s | %s%n", policy, dry.took().toMillis() / 1e3,
                        real.took().toMillis() / 1e3, cpu / 1e9, real.evicted(), real.freedBytes(),
                        load.summary(StoreLoad.BEFORE), load.summary(StoreLoad.DURING));
                // The dry run sees the filled database; the run also removes what the writer stored
                // meanwhile, up to its last batch (stores during the space reclaim stay).
                if (dry.remainingEntries() != limits.maxEntries() || real.evicted() < dry.evicted()) {
                    throw new IllegalStateException("unexpected figures: dry " + dry + ", real " + real);
                }
            }
            System.out.printf("%-10s database %,d bytes before, %,d after (file and WAL)%n", "", before, size(dir));
        } finally {
            EvictionBenchServer.delete(dir);
        }
    }

    /** Fills through the server's own writer connection, in transactions of {@value #CHUNK} rows. */
    private static void fill(Path dir, int total) {
        try (ConfigurableApplicationContext server = EvictionBenchServer.start(dir, false)) {
            NamedParameterJdbcTemplate jdbc = server.getBean(NamedParameterJdbcTemplate.class);
            TransactionTemplate transactions = server.getBean(TransactionTemplate.class);
            Names names = server.getBean(Names.class);
            String insert = """
                    INSERT INTO entries (namespace_id, cache_key, cache_type_id, repo_path_id, file_path, file_hash,
                        provider_id, model_id, prompt_hash, schema_version, tokens_used, cost_nanos, file_size,
                        result_bytes, stored_bytes, result_etag, created_at, last_accessed_at, access_count,
                        eviction_priority)
                    VALUES (:namespace, :key, :type, :repo, :file, :key, :provider, :model, '', 1, :tokens,
                        :costNanos, 2000, :resultBytes, :storedBytes, :etag, :createdAt, :lastAccessedAt, :accessCount, %s)
                    """.formatted(CostAwarePriority.sql(":accessCount", ":costNanos", ":storedBytes"));
            SplittableRandom random = new SplittableRandom(7);
            long base = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
            for (int from = 0; from < total; from += CHUNK) {
                int start = from;
                SqlParameterSource[] rows = new SqlParameterSource[Math.min(CHUNK, total - from)];
                transactions.executeWithoutResult(status -> {
                    List<String> strings = new ArrayList<>(List.of("xai", "/repo/r0"));
                    for (int k = 0; k < rows.length; k++) {
                        int i = start + k;
                        strings.addAll(List.of("team-" + (i % 8), TYPES[i % TYPES.length], "/repo/r" + (i % 50),
                                MODELS[i % MODELS.length]));
                    }
                    Map<String, Long> ids = names.idsOf(strings);
                    for (int k = 0; k < rows.length; k++) {
                        int i = start + k;
                        long tokens = Math.round(10 * Math.pow(5000, random.nextDouble()));
                        long stored = Math.round(64 * Math.pow(16, random.nextDouble()));
                        long created = base + i * 30_000L;
                        rows[k] = new MapSqlParameterSource().addValue("namespace", ids.get("team-" + (i % 8)))
                                .addValue("key", Hex.bytes("%064x".formatted(i))).addValue("type", ids.get(TYPES[i % TYPES.length]))
                                .addValue("repo", ids.get("/repo/r" + (i % 50))).addValue("file", "src/f" + i + ".rs")
                                .addValue("provider", ids.get("xai"))
                                .addValue("model", ids.get(MODELS[i % MODELS.length])).addValue("tokens", tokens)
                                .addValue("costNanos", tokens * 10_000).addValue("resultBytes", stored * 3)
                                .addValue("storedBytes", stored).addValue("etag", Hex.bytes("%032x".formatted(i)))
                                .addValue("createdAt", created)
                                .addValue("lastAccessedAt", created + random.nextLong(60L * 24 * 3600 * 1000))
                                .addValue("accessCount", (long) (Math.pow(random.nextDouble(), 3) * 50));
                    }
                    jdbc.batchUpdate(insert, rows);
                });
            }
            for (long first = 1; first <= total; first += 50_000) {
                MapSqlParameterSource range = new MapSqlParameterSource("from", first).addValue("to", first + 49_999);
                transactions.executeWithoutResult(status -> jdbc.update("""
                        INSERT INTO entry_results (entry_id, result)
                        SELECT id, zeroblob(stored_bytes) FROM entries WHERE id BETWEEN :from AND :to
                        """, range));
            }
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            long sum = 0;
            for (Path file : files.toList()) {
                sum += Files.size(file);
            }
            return sum;
        }
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }
}
