package dev.llmcache.migration.bench;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdDictCompress;
import com.github.luben.zstd.ZstdDictTrainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A measurement, not the feature: how much smaller a legacy corpus's results would be with a zstd
 * dictionary per cache type (issue 11's dictionaries are not implemented yet). For each type the
 * results (compact JSON, as the server stores them) are split by file order: every other one trains
 * a dictionary with zstd-jni's trainer, the others are compressed alone and with it (same level), so
 * no result is measured with a dictionary that saw it.
 *
 * <p>Usage: {@code DictionaryPotential <legacyDir> [level=3] [dictBytes=65536]}
 */
public final class DictionaryPotential {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private DictionaryPotential() {
    }

    public static void main(String[] args) throws IOException {
        Path source = Path.of(args[0]);
        int level = args.length > 1 ? Integer.parseInt(args[1]) : 3;
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
        System.out.printf(Locale.ROOT, "%-10s %8s %12s %12s %12s %8s %8s%n", "type", "measured", "JSON", "zstd alone",
                "zstd + dict", "alone", "dict");
        long json = 0;
        long alone = 0;
        long withDict = 0;
        for (Map.Entry<String, List<byte[]>> type : byType.entrySet()) {
            List<byte[]> results = type.getValue();
            long sampleBytes = 0;
            for (int i = 0; i < results.size(); i += 2) {
                sampleBytes += results.get(i).length;
            }
            ZstdDictTrainer trainer = new ZstdDictTrainer((int) Math.min(Integer.MAX_VALUE - 8, sampleBytes), dictBytes);
            for (int i = 0; i < results.size(); i += 2) {
                trainer.addSample(results.get(i));
            }
            byte[] dictionary = trainer.trainSamples();
            long typeJson = 0;
            long typeAlone = 0;
            long typeDict = 0;
            int measured = 0;
            try (ZstdDictCompress compressor = new ZstdDictCompress(dictionary, level)) {
                for (int i = 1; i < results.size(); i += 2) {
                    byte[] result = results.get(i);
                    typeJson += result.length;
                    typeAlone += Zstd.compress(result, level).length;
                    typeDict += Zstd.compress(result, compressor).length;
                    measured++;
                }
            }
            System.out.printf(Locale.ROOT, "%-10s %8d %12d %12d %12d %7.1f%% %7.1f%%%n", type.getKey(), measured,
                    typeJson, typeAlone, typeDict, 100.0 * typeAlone / typeJson, 100.0 * typeDict / typeJson);
            json += typeJson;
            alone += typeAlone;
            withDict += typeDict;
        }
        System.out.printf(Locale.ROOT, "%-10s %8s %12d %12d %12d %7.1f%% %7.1f%%  (dictionaries of %d bytes, level %d)%n",
                "all", "", json, alone, withDict, 100.0 * alone / json, 100.0 * withDict / json, dictBytes, level);
    }
}
