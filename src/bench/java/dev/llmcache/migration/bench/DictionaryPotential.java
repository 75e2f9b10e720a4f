package dev.llmcache.migration.bench;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdDictCompress;
import com.github.luben.zstd.ZstdDictDecompress;
import com.github.luben.zstd.ZstdDictTrainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A measurement, not the feature: how much smaller a legacy corpus's results are with a zstd dictionary
 * per cache type, at one or more levels, and what compressing and reading a result costs at each. For
 * each type the results (compact JSON, as the server stores them) are split by file order: every other
 * one trains a dictionary with zstd-jni's trainer, the others are compressed alone and with it, so no
 * result is measured with a dictionary that saw it. Times are per result on one thread, from the
 * second of two passes (the first warms the JIT and zstd's tables).
 *
 * <p>Usage: {@code DictionaryPotential <legacyDir> [levels=3, comma-separated] [dictBytes=65536]}
 */
public final class DictionaryPotential {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private DictionaryPotential() {
    }

    public static void main(String[] args) throws IOException {
        Path source = Path.of(args[0]);
        int[] levels = Arrays.stream((args.length > 1 ? args[1] : "3").split(",")).mapToInt(Integer::parseInt).toArray();
        int dictBytes = args.length > 2 ? Integer.parseInt(args[2]) : 64 * 1024;
        Map<String, List<byte[]>> byType = new TreeMap<>();
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json") && !f.endsWith("meta.json")).sorted()
                    .toList()) {
                JsonNode entry = JSON.readTree(file.toFile());
                byType.computeIfAbsent(entry.get("cache_type").asString(), t -> new ArrayList<>())
                        .add(JSON.writeValueAsBytes(entry.get("result")));
            }
        }
        Map<String, byte[]> dictionaries = new TreeMap<>();
        for (Map.Entry<String, List<byte[]>> type : byType.entrySet()) {
            dictionaries.put(type.getKey(), train(type.getValue(), dictBytes));
        }
        System.out.printf(Locale.ROOT, "%-6s %-10s %8s %12s %12s %12s %8s %8s %11s %11s%n", "level", "type", "measured",
                "JSON", "zstd alone", "zstd + dict", "alone", "dict", "us/compress", "us/read");
        for (int level : levels) {
            Totals all = new Totals();
            for (Map.Entry<String, List<byte[]>> type : byType.entrySet()) {
                measure(type.getValue(), dictionaries.get(type.getKey()), level, new Totals()); // warm-up pass
                Totals totals = new Totals();
                measure(type.getValue(), dictionaries.get(type.getKey()), level, totals);
                totals.print(level, type.getKey());
                all.add(totals);
            }
            all.print(level, "all");
        }
        System.out.printf(Locale.ROOT, "(dictionaries of %d bytes; times with the dictionary, per result, one thread)%n",
                dictBytes);
    }

    private static byte[] train(List<byte[]> results, int dictBytes) {
        long sampleBytes = 0;
        for (int i = 0; i < results.size(); i += 2) {
            sampleBytes += results.get(i).length;
        }
        ZstdDictTrainer trainer = new ZstdDictTrainer((int) Math.min(Integer.MAX_VALUE - 8, sampleBytes), dictBytes);
        for (int i = 0; i < results.size(); i += 2) {
            trainer.addSample(results.get(i));
        }
        return trainer.trainSamples();
    }

    private static void measure(List<byte[]> results, byte[] dictionary, int level, Totals totals) {
        try (ZstdDictCompress compressor = new ZstdDictCompress(dictionary, level);
                ZstdDictDecompress decompressor = new ZstdDictDecompress(dictionary);
                ZstdCompressCtx compress = new ZstdCompressCtx();
                ZstdDecompressCtx read = new ZstdDecompressCtx()) {
            compress.loadDict(compressor);
            read.loadDict(decompressor);
            for (int i = 1; i < results.size(); i += 2) {
                byte[] result = results.get(i);
                totals.json += result.length;
                totals.alone += Zstd.compress(result, level).length;
                long started = System.nanoTime();
                byte[] frame = compress.compress(result);
                long compressed = System.nanoTime();
                read.decompress(frame, result.length);
                totals.compressNanos += compressed - started;
                totals.readNanos += System.nanoTime() - compressed;
                totals.withDictionary += frame.length;
                totals.measured++;
            }
        }
    }

    private static final class Totals {
        long json;
        long alone;
        long withDictionary;
        long compressNanos;
        long readNanos;
        int measured;

        void add(Totals other) {
            json += other.json;
            alone += other.alone;
            withDictionary += other.withDictionary;
            compressNanos += other.compressNanos;
            readNanos += other.readNanos;
            measured += other.measured;
        }

        void print(int level, String type) {
            System.out.printf(Locale.ROOT, "%-6d %-10s %8d %12d %12d %12d %7.1f%% %7.1f%% %11.1f %11.1f%n", level, type,
                    measured, json, alone, withDictionary, 100.0 * alone / json, 100.0 * withDictionary / json,
                    compressNanos / 1e3 / measured, readNanos / 1e3 / measured);
        }
    }
}
