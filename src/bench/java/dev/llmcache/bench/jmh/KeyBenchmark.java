package dev.llmcache.bench.jmh;

import dev.llmcache.entry.KeyFactors;
import dev.llmcache.support.Sha256;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** The cache key from its factors ({@link KeyFactors#cacheKey}), as every store and lookup computes it. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class KeyBenchmark {

    private final KeyFactors factors = new KeyFactors("refactor", "grok-beta",
            Sha256.hex("fn main() { println!(\"hello\"); }"), "9f2c6d1e0b7a4c3d", 1);

    @Benchmark
    public String cacheKey() {
        return factors.cacheKey();
    }
}
