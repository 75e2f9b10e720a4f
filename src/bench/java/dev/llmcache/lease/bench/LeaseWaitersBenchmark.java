package dev.llmcache.lease.bench;

import dev.llmcache.LlmCacheServerApplication;
import dev.llmcache.entry.KeyFactors;
import dev.llmcache.lease.LeaseWaiters;
import dev.llmcache.support.Sha256;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadInfo;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Many lookups waiting on few leases: N waiters (default 1,000) on K keys (default 100) whose leases
 * are held. Reports the server's threads (by pool) and heap after GC before and while they wait,
 * sampled every second for a few seconds, then stores each key's result and reports the time from
 * each store's answer to the last of its waiters' answers. The client is one {@link HttpClient} with
 * a fixed executor of 4 threads, so any growth of threads in this JVM is the server's.
 *
 * <p>Run: {@code ./mvnw -q -Pbench test-compile exec:exec -Dbench.main=dev.llmcache.lease.bench.LeaseWaitersBenchmark
 * -Dbench.args="1000 100 5"} (waiters, keys, seconds of waiting sampled).
 */
public final class LeaseWaitersBenchmark {

    private LeaseWaitersBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int waiters = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int keys = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        Path dataDir = Files.createTempDirectory("lease-bench-");
        ConfigurableApplicationContext server = new SpringApplicationBuilder(LlmCacheServerApplication.class).run(
                "--server.port=0", "--cache.data-dir=" + dataDir, "--logging.level.root=warn",
                "--cache.sqlite.synchronous=NORMAL", "--cache.leases.max-waiters=" + Math.max(10_000, waiters));
        ExecutorService clientThreads = Executors.newFixedThreadPool(4);
        HttpClient http = HttpClient.newBuilder().executor(clientThreads).connectTimeout(Duration.ofSeconds(10)).build();
        String base = "http://127.0.0.1:" + server.getEnvironment().getProperty("local.server.port") + "/api/v1";
        LeaseWaiters parked = server.getBean(LeaseWaiters.class);
        try {
            List<String> keyList = new ArrayList<>();
            for (int k = 0; k < keys; k++) {
                keyList.add(new KeyFactors("refactor", "grok-beta", Sha256.hex("bench " + k), "", 1).cacheKey());
            }
            warmUp(http, base);
            System.out.printf("%d waiters on %d keys; %d cores, Java %s%n", waiters, keys,
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
            Sample before = Sample.take("before (idle, warmed up)");
            System.out.println(before);

            for (String key : keyList) {
                HttpResponse<String> lease = send(http, get(base + "/entries/" + key + "?lease=PT10M"));
                if (lease.statusCode() != 404 || lease.headers().firstValue("Cache-Lease").isEmpty()) {
                    throw new IllegalStateException("no lease on " + key + ": " + lease.statusCode());
                }
            }
            long[] answeredAt = new long[waiters];
            int[] status = new int[waiters];
            List<CompletableFuture<Void>> answers = new ArrayList<>();
            for (int w = 0; w < waiters; w++) {
                int index = w;
                answers.add(http.sendAsync(get(base + "/entries/" + keyList.get(w % keys) + "?wait=PT10M"),
                        HttpResponse.BodyHandlers.discarding()).thenAccept(response -> {
                            answeredAt[index] = System.nanoTime();
                            status[index] = response.statusCode();
                        }));
            }
            long parkStart = System.nanoTime();
            while (parked.waiting() < waiters) {
                if (System.nanoTime() - parkStart > TimeUnit.MINUTES.toNanos(2)) {
                    throw new IllegalStateException("only " + parked.waiting() + " parked after 2 minutes");
                }
                Thread.sleep(50);
            }
            System.out.printf("all %d parked in %d ms%n", waiters, (System.nanoTime() - parkStart) / 1_000_000);
            for (int s = 1; s <= seconds; s++) {
                Thread.sleep(1000);
                System.out.println(Sample.take("waiting, " + s + " s (" + parked.waiting() + " parked)"));
            }

            long[] storedAt = new long[keys];
            long storesStart = System.nanoTime();
            for (int k = 0; k < keys; k++) {
                String body = """
                        {"cacheType": "refactor", "filePath": "src/f%d.rs", "content": "bench %d", "provider": "xai",
                         "model": "grok-beta", "result": {"k": %d}, "tokensUsed": 1000}""".formatted(k, k, k);
                HttpResponse<String> stored = send(http, HttpRequest.newBuilder(URI.create(base + "/entries"))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
                if (stored.statusCode() != 201) {
                    throw new IllegalStateException("store " + k + ": " + stored.statusCode() + " " + stored.body());
                }
                storedAt[k] = System.nanoTime();
            }
            CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
            long lastAnswer = Arrays.stream(answeredAt).max().orElseThrow();
            double[] storeToLast = new double[keys];
            for (int k = 0; k < keys; k++) {
                long last = 0;
                for (int w = k; w < waiters; w += keys) {
                    last = Math.max(last, answeredAt[w]);
                }
                storeToLast[k] = (last - storedAt[k]) / 1e6;
            }
            Arrays.sort(storeToLast);
            long hits = Arrays.stream(status).filter(code -> code == 200).count();
            System.out.printf("answers: %d of %d were 200 (hits)%n", hits, waiters);
            System.out.printf("store answered -> its last waiter answered, per key (ms): median %.1f, p90 %.1f, max %.1f%n",
                    storeToLast[keys / 2], storeToLast[(int) (keys * 0.9)], storeToLast[keys - 1]);
            System.out.printf("first store sent -> last of %d waiters answered: %d ms (%d stores, one after another)%n",
                    waiters, (lastAnswer - storesStart) / 1_000_000, keys);
            System.out.println(Sample.take("after (all answered)"));
        } finally {
            clientThreads.shutdownNow();
            server.close();
        }
    }

    private static void warmUp(HttpClient http, String base) throws Exception {
        for (int i = 0; i < 2000; i++) {
            String key = new KeyFactors("refactor", "grok-beta", Sha256.hex("warm " + (i % 50)), "", 1).cacheKey();
            send(http, get(base + "/entries/" + key));
        }
    }

    private static HttpRequest get(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(11)).GET().build();
    }

    private static HttpResponse<String> send(HttpClient http, HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** The JVM's threads by pool (name without its number) and heap used after a GC. */
    private record Sample(String label, int threads, Map<String, Integer> pools, long heapAfterGc) {

        static Sample take(String label) {
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            System.gc();
            long heap = memory.getHeapMemoryUsage().getUsed();
            Map<String, Integer> pools = new TreeMap<>();
            ThreadInfo[] threads = ManagementFactory.getThreadMXBean().dumpAllThreads(false, false);
            for (ThreadInfo thread : threads) {
                String pool = thread.getThreadName().replaceAll("-?\\d+$", "").replaceAll("-\\d+-", "-");
                if (pool.startsWith("http-nio") || pool.startsWith("lease-wake") || pool.startsWith("scheduler")
                        || pool.startsWith("HikariPool") || pool.startsWith("pool")) {
                    pools.merge(pool, 1, Integer::sum);
                }
            }
            return new Sample(label, threads.length, pools, heap);
        }

        @Override
        public String toString() {
            return String.format("%-38s threads %4d  heap after GC %6.1f MiB  %s", label, threads, heapAfterGc / 1048576.0, pools);
        }
    }
}
