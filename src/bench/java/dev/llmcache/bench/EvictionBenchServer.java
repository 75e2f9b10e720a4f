package dev.llmcache.bench;

import dev.llmcache.LlmCacheServerApplication;
import dev.llmcache.support.TestClockConfiguration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts the real server (random port) on a SQLite data directory for the eviction benchmarks, which drive its beans (optionally with a clock they move). */
final class EvictionBenchServer {

    private EvictionBenchServer() {
    }

    /** The server on {@code dataDir}; with {@code simulatedClock} its Clock is a MutableClock the benchmark moves. */
    static ConfigurableApplicationContext start(Path dataDir, boolean simulatedClock, String... properties) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("cache.data-dir", dataDir.toString());
        all.put("server.port", "0");
        all.put("logging.level.root", "WARN");
        for (String property : properties) {
            int equals = property.indexOf('=');
            all.put(property.substring(0, equals), property.substring(equals + 1));
        }
        String[] args = all.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        SpringApplicationBuilder builder = simulatedClock
                ? new SpringApplicationBuilder(LlmCacheServerApplication.class, TestClockConfiguration.class)
                : new SpringApplicationBuilder(LlmCacheServerApplication.class);
        // As command-line arguments: they override application.yml (server.port=8080).
        return builder.run(args);
    }

    /** A fresh directory under {@code bench.dir} (default: the temporary directory). */
    static Path freshDirectory(String name) throws IOException {
        Path base = Path.of(System.getProperty("bench.dir", System.getProperty("java.io.tmpdir")));
        Files.createDirectories(base);
        return Files.createTempDirectory(base, name);
    }

    static void delete(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
