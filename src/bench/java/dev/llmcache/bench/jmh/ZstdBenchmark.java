package dev.llmcache.bench.jmh;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import dev.llmcache.support.Sha256;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * zstd at level 3 (the server's default, cache.compression.level) on realistic JSON of 1, 10 and
 * 100 kB: a context created per call ({@code Zstd.compress/decompress}, what ResultCodec does
 * today) against a context reused by the thread ({@code ZstdCompressCtx/ZstdDecompressCtx}), and
 * the SHA-256 of the JSON that ResultCodec takes for the ETag on every store.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ZstdBenchmark {

    private static final int LEVEL = 3;

    @Param({"1", "10", "100"})
    public int kilobytes;

    private byte[] json;
    private byte[] frame;
    private ZstdCompressCtx compressCtx;
    private ZstdDecompressCtx decompressCtx;

    @Setup(Level.Trial)
    public void setUp() {
        json = RealisticJson.ofSize(kilobytes * 1024, 42);
        frame = Zstd.compress(json, LEVEL);
        compressCtx = new ZstdCompressCtx().setLevel(LEVEL).setContentSize(true);
        decompressCtx = new ZstdDecompressCtx();
        byte[] roundTrip = decompressCtx.decompress(compressCtx.compress(json), json.length);
        if (!java.util.Arrays.equals(roundTrip, json) || !java.util.Arrays.equals(Zstd.decompress(frame, json.length), json)) {
            throw new IllegalStateException("round trip failed");
        }
        System.out.printf("%d kB: %d bytes of JSON -> %d bytes compressed%n", kilobytes, json.length, frame.length);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        compressCtx.close();
        decompressCtx.close();
    }

    @Benchmark
    public byte[] compressNewContext() {
        return Zstd.compress(json, LEVEL);
    }

    @Benchmark
    public byte[] compressReusedContext() {
        return compressCtx.compress(json);
    }

    @Benchmark
    public byte[] decompressNewContext() {
        return Zstd.decompress(frame, json.length);
    }

    @Benchmark
    public byte[] decompressReusedContext() {
        return decompressCtx.decompress(frame, json.length);
    }

    @Benchmark
    public String sha256Etag() {
        return Sha256.hex(json);
    }
}
