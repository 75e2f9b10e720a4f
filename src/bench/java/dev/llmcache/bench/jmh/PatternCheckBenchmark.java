package dev.llmcache.bench.jmh;

import dev.llmcache.entry.Patterns;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The checks of a lookup's cache type and file hash: the regular expressions that {@code @Pattern}
 * ran (a matcher per value, as Hibernate Validator's {@code PatternValidator} does) against the
 * loops of {@link Patterns} that replaced them (change 26 of docs/performance.md).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PatternCheckBenchmark {

    private static final Pattern CACHE_TYPE = Pattern.compile(Patterns.CACHE_TYPE);
    private static final Pattern SHA256 = Pattern.compile(Patterns.SHA256);

    private final String cacheType = "code_review";
    private final String fileHash = "ef32637cb9c3ec2e3968c9cbdf26a5e9c172be94f88af533e14bd43f892d5297";

    @Benchmark
    public boolean regularExpressions() {
        return CACHE_TYPE.matcher(cacheType).matches() & SHA256.matcher(fileHash).matches();
    }

    @Benchmark
    public boolean loops() {
        return Patterns.isCacheType(cacheType) & Patterns.isSha256(fileHash);
    }
}
