package dev.llmcache.bench;

import dev.llmcache.LlmCacheServerApplication;
import dev.llmcache.entry.EncodedResult;
import dev.llmcache.entry.EntryService;
import dev.llmcache.entry.KeyFactors;
import dev.llmcache.entry.NewEntry;
import dev.llmcache.entry.ResultCodec;
import dev.llmcache.support.Sha256;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Preloads the load benchmark's server (src/bench/load) with many entries, fast and through the
 * application's own import path ({@link EntryService#storeAllIfAbsent}: the migration's batched
 * multi-row inserts, triggers, ledger and eviction priority included), with the same factors and
 * 2 kB results of the same shape that {@code benchdata.py preload} sends over HTTP, and writes the
 * {@code cacheKey fileHash} lines the wrk scripts read.
 *
 * <p>Usage: {@code DATA_DIR COUNT KEYS_FILE TEMPLATE_JSON [--spring.datasource.url=...]}; the
 * template holds {@code @@I@@} where the entry's index goes. Run with exec:exec (src/bench/README.md).
 */
public final class LoadBenchFill {

    private static final int BATCH = 2_000;

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[0]);
        int count = Integer.parseInt(args[1]);
        Path keysFile = Path.of(args[2]);
        String template = Files.readString(Path.of(args[3]));
        List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--cache.data-dir=" + dataDir,
                "--logging.level.root=warn", "--cache.eviction.interval=PT24H"));
        arguments.addAll(Arrays.asList(args).subList(4, args.length));
        Files.createDirectories(dataDir);
        long start = System.nanoTime();
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(LlmCacheServerApplication.class)
                .run(arguments.toArray(String[]::new));
             BufferedWriter keys = Files.newBufferedWriter(keysFile)) {
            EntryService entries = context.getBean(EntryService.class);
            ResultCodec codec = context.getBean(ResultCodec.class);
            Instant now = Instant.now();
            for (int from = 0; from < count; from += BATCH) {
                int to = Math.min(count, from + BATCH);
                // keys and compression on all cores; the database writes on this thread
                List<NewEntry> batch = IntStream.range(from, to).parallel()
                        .mapToObj(i -> entry(i, template, codec, now)).toList();
                List<Boolean> stored = entries.storeAllIfAbsent(batch);
                for (int i = 0; i < batch.size(); i++) {
                    if (!stored.get(i)) {
                        throw new IllegalStateException("entry " + (from + i) + " was already there");
                    }
                    keys.write(batch.get(i).cacheKey() + " " + batch.get(i).factors().fileHash() + "\n");
                }
                if (to % 100_000 == 0 || to == count) {
                    System.out.printf(Locale.ROOT, "%,d / %,d entries, %.0f s%n", to, count, (System.nanoTime() - start) / 1e9);
                }
            }
        }
    }

    /** The entry {@code benchdata.py preload} would store as number {@code index}. */
    private static NewEntry entry(int index, String template, ResultCodec codec, Instant now) {
        String fileHash = Sha256.hex(("bench file " + index).getBytes(StandardCharsets.UTF_8));
        EncodedResult result = codec.encode(template.replace("@@I@@", Integer.toString(index)).getBytes(StandardCharsets.UTF_8));
        return new NewEntry("default", new KeyFactors("refactor", "grok-beta", fileHash, "", 1), null,
                "/home/ci/proj", "src/module_" + (index % 40) + "/file_" + index + ".rs", 8000L + index % 5000, "xai",
                (3000L + index % 2000) + (800L + index % 700), 3000L + index % 2000, 800L + index % 700, null, null,
                result, now.minusSeconds(index % 86_400), null);
    }
}
