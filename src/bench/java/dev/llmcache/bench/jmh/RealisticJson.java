package dev.llmcache.bench.jmh;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Code-analysis results of about a given size, shaped like the ones the cache stores (a summary,
 * code smells, suggestions, per-function metrics), with varied text so that zstd sees realistic
 * rather than repetitive input. The same size and seed give the same bytes.
 */
public final class RealisticJson {

    private static final String[] KINDS = {"long_method", "deep_nesting", "duplicated_code", "magic_number",
            "god_object", "dead_code", "primitive_obsession", "shotgun_surgery"};
    private static final String[] WORDS = {"parser", "config", "retry", "request", "handler", "buffer", "index",
            "timeout", "cache", "session", "token", "stream", "schema", "record", "result", "error", "state",
            "queue", "worker", "client", "split", "extract", "inline", "rename", "guard", "early", "return",
            "validate", "borrow", "lifetime", "clone", "allocation", "iterator", "match", "arm", "trait"};

    private RealisticJson() {
    }

    /** Compact JSON of at least {@code bytes} bytes (and at most a few hundred more). */
    public static byte[] ofSize(int bytes, long seed) {
        Random random = new Random(seed);
        StringBuilder json = new StringBuilder(bytes + 512);
        json.append("{\"file\":\"src/module_").append(random.nextInt(40)).append("/file_").append(random.nextInt(100_000))
                .append(".rs\",\"language\":\"rust\",\"summary\":\"").append(sentence(random, 24))
                .append("\",\"complexity_score\":").append(random.nextInt(1000) / 10.0)
                .append(",\"maintainability\":\"").append((char) ('A' + random.nextInt(4))).append("\",\"code_smells\":[");
        boolean first = true;
        while (json.length() < bytes * 0.6) {
            json.append(first ? "" : ",").append("{\"kind\":\"").append(KINDS[random.nextInt(KINDS.length)])
                    .append("\",\"line\":").append(1 + random.nextInt(2000))
                    .append(",\"severity\":\"").append(random.nextBoolean() ? "low" : "medium")
                    .append("\",\"message\":\"").append(sentence(random, 10 + random.nextInt(10))).append("\"}");
            first = false;
        }
        json.append("],\"suggestions\":[");
        first = true;
        while (json.length() < bytes * 0.85) {
            json.append(first ? "" : ",").append("{\"title\":\"").append(sentence(random, 4))
                    .append("\",\"effort\":\"").append(random.nextBoolean() ? "small" : "medium")
                    .append("\",\"detail\":\"").append(sentence(random, 20 + random.nextInt(15))).append("\"}");
            first = false;
        }
        json.append("],\"functions\":[");
        first = true;
        while (json.length() < bytes) {
            json.append(first ? "" : ",").append("{\"name\":\"").append(WORDS[random.nextInt(WORDS.length)]).append('_')
                    .append(WORDS[random.nextInt(WORDS.length)]).append("\",\"lines\":").append(3 + random.nextInt(120))
                    .append(",\"cyclomatic\":").append(1 + random.nextInt(20)).append('}');
            first = false;
        }
        json.append("],\"tags\":[\"io\",\"network\",\"config\"]}");
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String sentence(Random random, int words) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < words; i++) {
            text.append(i == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
        }
        return text.append('.').toString();
    }
}
