package dev.llmcache.migration.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a legacy JSON cache in the CENTRALIZED layout: {@code <out>/<8-hex>/meta.json} and
 * {@code <out>/<8-hex>/cache/<type>/[sub/]<file>.json}, with results of 0.5-20 kB, the same for the
 * same seed. A quarter of the entries are older ones (no cache_key, prompt_hash or schema_version,
 * tokens_used null), as in the shared sample.
 *
 * <p>Usage: {@code LegacyCacheGenerator <outputDir> [entries=100000] [seed=42] [resultBytes=512-20480]
 * [repos=entries/5000]}: the corpus of "typical results" is {@code 40000 42 512-2048 20}.
 */
public final class LegacyCacheGenerator {

    private static final int ENTRIES_PER_REPO = 5000;
    private static final List<String> TYPES = List.of("refactor", "refactor", "docs", "analysis", "todos");
    private static final List<String> MODELS = List.of("grok-beta", "grok-2", "gpt-4o", "claude-3-5-sonnet");
    private static final List<String> WORDS = List.of("function", "module", "error", "handling", "cache", "lookup",
            "allocation", "borrow", "lifetime", "clone", "iterator", "closure", "trait", "generic", "unsafe", "panic",
            "result", "option", "unwrap", "async", "await", "mutex", "channel", "buffer", "parser", "token", "stream",
            "complexity", "duplicate", "extract", "inline", "rename", "split", "test", "coverage", "boundary", "retry",
            "timeout", "config", "logging", "metrics", "serde", "json", "schema", "migration", "index", "query");
    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private static final JsonMapper COMPACT = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final SplittableRandom random;
    private final int minResult;
    private final int maxResult;

    private LegacyCacheGenerator(long seed, int minResult, int maxResult) {
        this.random = new SplittableRandom(seed);
        this.minResult = minResult;
        this.maxResult = maxResult;
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: LegacyCacheGenerator <outputDir> [entries=100000] [seed=42] "
                    + "[resultBytes=512-20480] [repos=entries/5000]");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        int entries = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 42;
        String[] range = (args.length > 3 ? args[3] : "512-20480").split("-");
        int repos = args.length > 4 ? Integer.parseInt(args[4])
                : Math.max(1, (entries + ENTRIES_PER_REPO - 1) / ENTRIES_PER_REPO);
        if (Files.exists(out)) {
            System.err.println(out + " exists: give a new directory");
            System.exit(2);
        }
        long started = System.nanoTime();
        long bytes = new LegacyCacheGenerator(seed, Integer.parseInt(range[0]), Integer.parseInt(range[1]))
                .generate(out, entries, repos);
        System.out.printf(Locale.ROOT, "wrote %d entries (%.1f MiB of JSON) to %s in %.1f s%n", entries,
                bytes / 1048576.0, out, (System.nanoTime() - started) / 1e9);
    }

    private long generate(Path out, int entries, int repos) throws IOException {
        int perRepo = (entries + repos - 1) / repos;
        Set<String> hashes = new HashSet<>();
        long bytes = 0;
        int written = 0;
        for (int repo = 0; repo < repos; repo++) {
            String hash = uniqueHash(hashes);
            Path repoDir = Files.createDirectories(out.resolve(hash));
            Files.writeString(repoDir.resolve("meta.json"), "{\n  \"path\": \"/home/dev/project-" + repo
                    + "\",\n  \"hash\": \"" + hash + "\",\n  \"schema_version\": 1\n}\n");
            int inRepo = Math.min(perRepo, entries - written);
            for (int i = 0; i < inRepo; i++, written++) {
                String type = pick(TYPES);
                String sourcePath = "src/" + pick(WORDS) + "_" + written + "/" + pick(WORDS) + ".rs";
                Path typeDir = repoDir.resolve("cache").resolve(type);
                // about a third of the entries sit in nested directories, which the scanner must walk
                Path dir = random.nextInt(3) == 0 ? typeDir.resolve("sub-" + random.nextInt(8)) : typeDir;
                Files.createDirectories(dir);
                byte[] json = JSON.writeValueAsBytes(entry(type, sourcePath));
                Files.write(dir.resolve(sourcePath.replace('/', '_').replace('.', '_') + ".json"), json);
                bytes += json.length;
            }
        }
        return bytes;
    }

    private ObjectNode entry(String type, String sourcePath) {
        boolean older = random.nextInt(4) == 0;
        ObjectNode entry = NODES.objectNode();
        entry.put("file_path", sourcePath);
        entry.put("file_hash", hex(64));
        if (!older) {
            entry.put("cache_key", hex(random.nextBoolean() ? 64 : 32));
        }
        entry.put("analyzed_at", Instant.ofEpochSecond(1_767_225_600L + random.nextInt(5_000_000),
                random.nextInt(1_000_000_000)).toString().replace("Z", "+00:00"));
        String model = pick(MODELS);
        entry.put("provider", model.startsWith("grok") ? "xai" : model.startsWith("gpt") ? "openai" : "anthropic");
        entry.put("model", model);
        if (!older) {
            entry.put("prompt_hash", hex(16));
            entry.put("schema_version", 1 + random.nextInt(2));
        }
        entry.set("result", result(sourcePath, minResult + random.nextInt(maxResult - minResult + 1)));
        if (older) {
            entry.putNull("tokens_used");
        } else {
            entry.put("tokens_used", 500 + random.nextInt(20_000));
        }
        entry.put("file_size", 200 + random.nextInt(40_000));
        entry.put("cache_type", type);
        return entry;
    }

    /**
     * A refactor-style result whose compact serialized size is {@code target} bytes or up to one item
     * more; items are added with their exact compact size (all text is plain ASCII).
     */
    private ObjectNode result(String sourcePath, int target) {
        ObjectNode result = NODES.objectNode();
        result.put("path", sourcePath);
        result.put("complexity_score", random.nextInt(1000) / 10.0);
        result.put("maintainability_score", random.nextInt(1000) / 10.0);
        result.put("estimated_effort", random.nextBoolean() ? "Medium" : "Low");
        ArrayNode smells = result.putArray("code_smells");
        ArrayNode suggestions = result.putArray("suggestions");
        int size = COMPACT.writeValueAsString(result).length();
        while (size < target) {
            if (random.nextBoolean()) {
                String type = pick(WORDS) + "_" + pick(WORDS);
                String description = sentence(8 + random.nextInt(20));
                int line = 1 + random.nextInt(2000);
                String severity = random.nextBoolean() ? "warning" : "info";
                ObjectNode smell = smells.addObject().put("type", type).put("description", description)
                        .put("line", line).put("severity", severity);
                size += (smells.size() > 1 ? 1 : 0) + COMPACT.writeValueAsString(smell).length();
            } else {
                String suggestion = sentence(10 + random.nextInt(30));
                suggestions.add(suggestion);
                size += (suggestions.size() > 1 ? 1 : 0) + suggestion.length() + 2;
            }
        }
        return result;
    }

    private String sentence(int words) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < words; i++) {
            text.append(i == 0 ? "" : " ").append(pick(WORDS));
        }
        return text.append('.').toString();
    }

    private String uniqueHash(Set<String> taken) {
        String hash;
        do {
            hash = hex(8);
        } while (!taken.add(hash));
        return hash;
    }

    private String hex(int length) {
        StringBuilder hex = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            hex.append(Character.forDigit(random.nextInt(16), 16));
        }
        return hex.toString();
    }

    private <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }
}
