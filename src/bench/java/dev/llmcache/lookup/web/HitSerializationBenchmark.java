package dev.llmcache.lookup.web;

import dev.llmcache.bench.jmh.RealisticJson;
import dev.llmcache.entry.EntryMetadata;
import dev.llmcache.lookup.ServedEntry;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
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
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Serialising a hit (the metadata and the stored result JSON) with Jackson 3's JsonMapper, set as
 * the server sets it (BigDecimal as plain). {@code served} is the server's path today (the result
 * bytes made a String and written raw, {@link EntryResponse}); {@code viaTree} parses the result
 * into a tree and writes it back out (the path issue 12 suspects, for comparison);
 * {@code metadataOnly} and {@code rawSplice} (metadata serialised, the stored bytes copied in) are
 * what writing raw bytes could cost. In this package because EntryResponse is package-private.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HitSerializationBenchmark {

    private static final byte[] RESULT_FIELD = ",\"result\":".getBytes(StandardCharsets.UTF_8);

    @Param({"1", "10", "100"})
    public int kilobytes;

    private JsonMapper json;
    private ServedEntry served;

    @Setup(Level.Trial)
    public void setUp() {
        json = JsonMapper.builder().enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();
        byte[] result = RealisticJson.ofSize(kilobytes * 1024, 7);
        Instant now = Instant.parse("2026-11-21T08:15:00Z");
        EntryMetadata metadata = new EntryMetadata("418d86e733a8407ab60d27c56874b2ea50d8d0ae60b16c1382c0fe145fa837d7", null,
                "default", "refactor", "/home/ci/proj", "src/module_7/file_1234.rs",
                "ef32637cb9c3ec2e3968c9cbdf26a5e9c172be94f88af533e14bd43f892d5297", "xai", "grok-beta", "", 1, 5420L,
                4000L, 1420L, null, null, new BigDecimal("0.0413"), 9000L, result.length, result.length / 3, now,
                now.plusSeconds(60), 3, null);
        served = new ServedEntry(metadata, "\"e4cb44aa85f1ca27e0d6b4f49d6c23b2\"", result);
        if (!json.readTree(served()).equals(json.readTree(viaTree())) || !json.readTree(served()).equals(json.readTree(rawSplice()))) {
            throw new IllegalStateException("the variants do not write the same JSON");
        }
    }

    @Benchmark
    public byte[] served() {
        return json.writeValueAsBytes(EntryResponse.of(served));
    }

    @Benchmark
    public byte[] viaTree() {
        ObjectNode node = json.valueToTree(served.metadata());
        node.set("result", json.readTree(served.resultJson()));
        return json.writeValueAsBytes(node);
    }

    @Benchmark
    public byte[] metadataOnly() {
        return json.writeValueAsBytes(served.metadata());
    }

    @Benchmark
    public byte[] rawSplice() {
        byte[] metadata = json.writeValueAsBytes(served.metadata());
        ByteArrayOutputStream out = new ByteArrayOutputStream(metadata.length + served.resultJson().length + 16);
        out.write(metadata, 0, metadata.length - 1);
        out.writeBytes(RESULT_FIELD);
        out.writeBytes(served.resultJson());
        out.write('}');
        return out.toByteArray();
    }
}
