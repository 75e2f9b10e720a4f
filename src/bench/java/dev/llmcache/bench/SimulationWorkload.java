package dev.llmcache.bench;

import java.util.Arrays;
import java.util.BitSet;
import java.util.SplittableRandom;

/**
 * A deterministic synthetic workload: results with log-uniform sizes (200 B..200 kB) and
 * log-uniform costs ($0.0001..$0.50, as tokens at $10 per million), independent of each other and
 * of popularity, and a sequence of lookups whose targets follow a Zipf law over a random ranking.
 */
record SimulationWorkload(int distinct, double zipf, long seed, int[] sizes, long[] tokenCounts, int[] lookups) {

    static SimulationWorkload generate(int distinct, int lookups, double zipf, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        SplittableRandom sizeRandom = random.split();
        SplittableRandom costRandom = random.split();
        SplittableRandom rankRandom = random.split();
        SplittableRandom lookupRandom = random.split();
        int[] sizes = new int[distinct];
        long[] tokens = new long[distinct];
        for (int i = 0; i < distinct; i++) {
            sizes[i] = (int) Math.round(200 * Math.pow(1000, sizeRandom.nextDouble()));
            tokens[i] = Math.round(10 * Math.pow(5000, costRandom.nextDouble())); // 10..50,000 tokens: $0.0001..$0.50
        }
        int[] byRank = new int[distinct];
        for (int i = 0; i < distinct; i++) {
            byRank[i] = i;
        }
        for (int i = distinct - 1; i > 0; i--) { // Fisher-Yates: popularity unrelated to size and cost
            int j = rankRandom.nextInt(i + 1);
            int swap = byRank[i];
            byRank[i] = byRank[j];
            byRank[j] = swap;
        }
        double[] cumulative = new double[distinct];
        double sum = 0;
        for (int rank = 0; rank < distinct; rank++) {
            sum += 1 / Math.pow(rank + 1, zipf);
            cumulative[rank] = sum;
        }
        int[] sequence = new int[lookups];
        for (int t = 0; t < lookups; t++) {
            int rank = Arrays.binarySearch(cumulative, lookupRandom.nextDouble() * sum);
            sequence[t] = byRank[Math.min(distinct - 1, rank < 0 ? -rank - 1 : rank)];
        }
        return new SimulationWorkload(distinct, zipf, seed, sizes, tokens, sequence);
    }

    int size(int item) {
        return sizes[item];
    }

    long tokens(int item) {
        return tokenCounts[item];
    }

    long distinctBytes() {
        return Arrays.stream(sizes).asLongStream().sum();
    }

    /** The bytes of every lookup's target, for the byte hit rate. */
    long lookupBytes() {
        return Arrays.stream(lookups).asLongStream().map(item -> sizes[(int) item]).sum();
    }

    /** The cost of every lookup's result, as if each were computed: what hits save plus what misses spend. */
    long totalCostNanos(long nanosPerToken) {
        return Arrays.stream(lookups).asLongStream().map(item -> tokenCounts[(int) item] * nanosPerToken).sum();
    }

    /** With unlimited space only the first lookup of each result misses. */
    double unboundedHitRate() {
        return 1 - (double) firstSeen().cardinality() / lookups.length;
    }

    long unboundedSavedNanos() {
        BitSet seen = new BitSet(distinct);
        long saved = 0;
        for (int item : lookups) {
            if (seen.get(item)) {
                saved += tokenCounts[item] * 10_000;
            }
            seen.set(item);
        }
        return saved;
    }

    private BitSet firstSeen() {
        BitSet seen = new BitSet(distinct);
        for (int item : lookups) {
            seen.set(item);
        }
        return seen;
    }
}
