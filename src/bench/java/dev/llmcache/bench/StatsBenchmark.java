package dev.llmcache.bench;

import dev.llmcache.entry.KeyFactors;
import dev.llmcache.support.Sha256;
import dev.llmcache.support.ApiClient;
import dev.llmcache.support.SqliteTestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Issue 3's benchmark: a million entries in SQLite, then {@code GET /api/v1/stats} timed against
 * a single {@code GET /api/v1/entries/{key}} hit on the same server, interleaved so both see the
 * same machine load. Usage: {@code -Dexec.args="[entries] [requests]"} (default 1000000 2000); run with exec:exec, see src/bench/README.md.
 */
public final class StatsBenchmark {

    public static void main(String[] args) throws Exception {
        int entries = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int requests = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        Path dataDir = Files.createTempDirectory("llmcache-stats-bench-");
        try (BenchServer server = new BenchServer(dataDir)) {
            long fillStart = System.nanoTime();
            server.fill("bench", entries);
            System.out.printf(Locale.ROOT, "filled %,d entries in %.1f s (database %,d MB)%n", entries,
                    (System.nanoTime() - fillStart) / 1e9, Files.size(dataDir.resolve("cache.db")) / (1 << 20));

            ApiClient api = server.api.inNamespace("bench");
            String hitKey = new KeyFactors("refactor", "grok-beta", Sha256.hex("file 0"), "", 1).cacheKey();
            check(api.get("/api/v1/entries/" + hitKey), "hit");
            ApiClient.Response stats = api.get("/api/v1/stats");
            check(stats, "stats");
            System.out.println("stats reports totalEntries=" + stats.json().get("totalEntries").asLong());

            for (int i = 0; i < 300; i++) { // warm up both paths (JIT, connection pools, page cache)
                api.get("/api/v1/stats");
                api.get("/api/v1/entries/" + hitKey);
            }
            Timing statsTiming = new Timing(requests);
            Timing hitTiming = new Timing(requests);
            for (int i = 0; i < requests; i++) {
                long start = System.nanoTime();
                check(api.get("/api/v1/stats"), "stats");
                statsTiming.add(System.nanoTime() - start);
                start = System.nanoTime();
                check(api.get("/api/v1/entries/" + hitKey), "hit");
                hitTiming.add(System.nanoTime() - start);
            }
            System.out.println("GET /api/v1/stats          " + statsTiming);
            System.out.println("GET /api/v1/entries/{key}  " + hitTiming);
            System.out.printf(Locale.ROOT, "ratio stats / hit: median %.2f, p99 %.2f%n",
                    statsTiming.percentileMillis(50) / hitTiming.percentileMillis(50),
                    statsTiming.percentileMillis(99) / hitTiming.percentileMillis(99));
        } finally {
            SqliteTestDatabase.delete(dataDir);
        }
    }

    private static void check(ApiClient.Response response, String what) {
        if (response.status() != 200) {
            throw new IllegalStateException(what + " answered " + response);
        }
    }
}
