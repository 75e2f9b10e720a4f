package dev.llmcache.bench;

import dev.llmcache.entry.EncodedResult;
import dev.llmcache.entry.EntryKey;
import dev.llmcache.entry.EntryRepository;
import dev.llmcache.entry.EntryService;
import dev.llmcache.entry.KeyFactors;
import dev.llmcache.entry.NewEntry;
import dev.llmcache.entry.StoredEntry;
import dev.llmcache.eviction.EvictionLimits;
import dev.llmcache.eviction.EvictionPolicy;
import dev.llmcache.eviction.EvictionService;
import dev.llmcache.lookup.AccessTracker;
import dev.llmcache.support.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Replays one synthetic workload against the real server once per eviction policy and reports
 * the hit rate and the dollars saved by each: hits and savings are the server's own figures
 * (its statistics tables), and eviction is the server's own code (the policies' SQL), run like the
 * schedule would, every {@code sim.evictEvery} lookups, with the cache's capacity as targetBytes.
 *
 * <p>Workload (deterministic, {@code sim.seed}): {@code sim.distinct} results with sizes
 * log-uniform between 200 B and 200 kB and costs log-uniform between $0.0001 and $0.50, drawn
 * independently of each other and of popularity; {@code sim.lookups} lookups whose target follows a
 * Zipf law of exponent {@code sim.zipf} over a random popularity ranking. A miss stores the result
 * (the client paid for it); a hit saves its cost. The cache holds {@code sim.capacity} (10 %) of the
 * distinct bytes.
 *
 * <p>Run: {@code ./mvnw -q -Pbench test-compile exec:exec -Dbench.main=dev.llmcache.bench.EvictionSimulation}; options as system
 * properties in {@code -Dbench.jvm="-Xmx1g -D..."} (see the README, "Eviction")
 */
public final class EvictionSimulation {

    private static final String NAMESPACE = "sim";
    /** The default (xai) price with only tokensUsed: $10 per million tokens, i.e. 10,000 nano-dollars a token. */
    private static final long NANOS_PER_TOKEN = 10_000;

    private EvictionSimulation() {
    }

    public static void main(String[] args) throws Exception {
        SimulationWorkload workload = SimulationWorkload.generate(
                Integer.getInteger("sim.distinct", 50_000), Integer.getInteger("sim.lookups", 200_000),
                Double.parseDouble(System.getProperty("sim.zipf", "0.9")), Long.getLong("sim.seed", 42L));
        double capacityShare = Double.parseDouble(System.getProperty("sim.capacity", "0.10"));
        long capacity = Math.round(workload.distinctBytes() * capacityShare);
        int evictEvery = Integer.getInteger("sim.evictEvery", 50);

        System.out.printf("Workload: %,d lookups over %,d distinct results, Zipf exponent %.2f, seed %d%n",
                workload.lookups().length, workload.distinct(), workload.zipf(), workload.seed());
        System.out.printf("Sizes 200 B..200 kB log-uniform (%,d distinct bytes), costs $0.0001..$0.50 log-uniform, independent%n",
                workload.distinctBytes());
        System.out.printf("Cache capacity %,d bytes (%.0f %% of the distinct bytes), eviction every %d lookups%n",
                capacity, capacityShare * 100, evictEvery);
        System.out.printf("Ceiling (unbounded cache): hit rate %.4f, saved $%,.2f%n%n",
                workload.unboundedHitRate(), workload.unboundedSavedNanos() / 1e9);

        Map<EvictionPolicy, Outcome> outcomes = new EnumMap<>(EvictionPolicy.class);
        for (EvictionPolicy policy : EvictionPolicy.values()) {
            outcomes.put(policy, replay(workload, policy, capacity, evictEvery));
            Outcome o = outcomes.get(policy);
            System.out.printf("%-10s hit rate %.4f  byte hit rate %.4f  saved $%,10.2f  spent on misses $%,10.2f  evicted %,7d  (%d s)%n",
                    policy, o.hitRate(), o.byteHitRate(), o.savedNanos() / 1e9, o.spentNanos() / 1e9, o.evicted(), o.seconds());
        }
        Outcome costAware = outcomes.get(EvictionPolicy.COST_AWARE);
        Outcome lru = outcomes.get(EvictionPolicy.LRU);
        System.out.printf("%nCOST_AWARE / LRU dollars saved: %.2f ($%,.2f vs $%,.2f); hit rate %.4f vs %.4f%n",
                (double) costAware.savedNanos() / lru.savedNanos(), costAware.savedNanos() / 1e9, lru.savedNanos() / 1e9,
                costAware.hitRate(), lru.hitRate());
    }

    private static Outcome replay(SimulationWorkload workload, EvictionPolicy policy, long capacity, int evictEvery) throws Exception {
        Path dir = EvictionBenchServer.freshDirectory("llmcache-sim-");
        long started = System.nanoTime();
        try (ConfigurableApplicationContext server = EvictionBenchServer.start(dir, true, "cache.sqlite.synchronous=NORMAL",
                "cache.access-flush-interval=PT1H")) {
            MutableClock clock = server.getBean(MutableClock.class);
            EntryRepository entries = server.getBean(EntryRepository.class);
            EntryService store = server.getBean(EntryService.class);
            AccessTracker tracker = server.getBean(AccessTracker.class);
            EvictionService eviction = server.getBean(EvictionService.class);
            EvictionLimits limits = new EvictionLimits(capacity, null, null);
            KeyFactors[] factors = new KeyFactors[workload.distinct()];
            for (int i = 0; i < factors.length; i++) {
                factors[i] = new KeyFactors("analysis", "grok-beta", "%064x".formatted(i), "", 1);
            }
            long hits = 0;
            long hitBytes = 0;
            long savedNanos = 0;
            long evicted = 0;
            int[] lookups = workload.lookups();
            for (int t = 0; t < lookups.length; t++) {
                clock.advance(Duration.ofSeconds(1));
                int item = lookups[t];
                Optional<StoredEntry> found = entries.find(NAMESPACE, new EntryKey(factors[item].cacheKey()));
                if (found.isPresent()) {
                    tracker.recordHit(found.get());
                    hits++;
                    hitBytes += workload.size(item);
                    savedNanos += workload.tokens(item) * NANOS_PER_TOKEN;
                } else {
                    tracker.recordMiss(NAMESPACE, "analysis", "grok-beta");
                    store.store(newEntry(workload, factors[item], item, clock.instant()));
                }
                if ((t + 1) % evictEvery == 0) {
                    evicted += eviction.evict(policy, limits, false).orElseThrow().evicted();
                }
            }
            tracker.flush();
            JdbcClient db = server.getBean(JdbcClient.class);
            Map<String, Object> stats = db.sql("""
                    SELECT t.hits, t.misses, t.saved_nanos FROM type_stats t JOIN names n ON n.id = t.namespace_id
                        JOIN names c ON c.id = t.cache_type_id WHERE n.name = :ns AND c.name = 'analysis'
                    """)
                    .param("ns", NAMESPACE).query().singleRow();
            long serverHits = ((Number) stats.get("hits")).longValue();
            long serverSaved = ((Number) stats.get("saved_nanos")).longValue();
            if (serverHits != hits || serverSaved != savedNanos) {
                throw new IllegalStateException("the server counted " + serverHits + " hits saving " + serverSaved
                        + " nanos, the replay " + hits + " and " + savedNanos);
            }
            long spentNanos = workload.totalCostNanos(NANOS_PER_TOKEN) - savedNanos;
            return new Outcome((double) hits / lookups.length, (double) hitBytes / workload.lookupBytes(), serverSaved,
                    spentNanos, evicted, Duration.ofNanos(System.nanoTime() - started).toSeconds());
        } finally {
            EvictionBenchServer.delete(dir);
        }
    }

    private static NewEntry newEntry(SimulationWorkload workload, KeyFactors factors, int item, Instant now) {
        int size = workload.size(item);
        // The stored frame is never decoded here: only its length (storedBytes) matters to eviction.
        EncodedResult result = new EncodedResult(new byte[size], size, "%032x".formatted(item));
        return new NewEntry(NAMESPACE, factors, null, "/repo", "src/file" + item + ".rs", 1000L, "xai",
                workload.tokens(item), null, null, null, null, result, now, null);
    }

    private record Outcome(double hitRate, double byteHitRate, long savedNanos, long spentNanos, long evicted, long seconds) {
    }
}
