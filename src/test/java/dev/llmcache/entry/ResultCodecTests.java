package dev.llmcache.entry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.luben.zstd.Zstd;
import dev.llmcache.config.CacheProperties;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ResultCodecTests {

    private final JsonMapper json = JsonMapper.builder().build();

    private ResultCodec codec(int level, DataSize maxResult) {
        return new ResultCodec(json, new CacheProperties(Path.of("data"), Duration.ofSeconds(5),
                new CacheProperties.Compression(level),
                new CacheProperties.Limits(DataSize.ofMegabytes(16), maxResult, null, null, null), null));
    }

    @Test
    void compressedResultDecodesToTheSameJson() {
        ResultCodec codec = codec(3, DataSize.ofMegabytes(8));
        JsonNode result = json.readTree("""
                {"code_smells": ["long method", "deep nesting"], "score": 50.5, "nested": {"a": [1, 2, null, true]},
                 "unicode": "naïve — ✓ 日本"}""");
        EncodedResult encoded = codec.encode(result);
        assertThat(codec.decodeTree(encoded.frame(), encoded.resultBytes())).isEqualTo(result);
        assertThat(encoded.resultBytes()).isEqualTo(json.writeValueAsBytes(result).length);
    }

    @Test
    void frameIsZstdAtTheConfiguredLevelAndSmallerForRepetitiveJson() {
        JsonNode result = json.readTree("[" + "{\"smell\": \"long method in a function\"},".repeat(500) + "{}]");
        EncodedResult fast = codec(1, DataSize.ofMegabytes(8)).encode(result);
        EncodedResult small = codec(19, DataSize.ofMegabytes(8)).encode(result);
        assertThat(Zstd.getFrameContentSize(fast.frame())).isEqualTo(fast.resultBytes());
        assertThat(fast.storedBytes()).isLessThan(fast.resultBytes() / 10);
        assertThat(small.storedBytes()).isLessThanOrEqualTo(fast.storedBytes());
    }

    @Test
    void etagIsStrongAndFollowsTheResult() {
        ResultCodec codec = codec(3, DataSize.ofMegabytes(8));
        String one = codec.encode(json.readTree("{\"a\": 1}")).etag();
        assertThat(one).matches("\"[0-9a-f]{32}\"");
        assertThat(codec.encode(json.readTree("{\"a\": 1}")).etag()).isEqualTo(one);
        assertThat(codec.encode(json.readTree("{\"a\": 2}")).etag()).isNotEqualTo(one);
    }

    @Test
    void resultOverTheLimitIsRefused() {
        ResultCodec codec = codec(3, DataSize.ofBytes(100));
        JsonNode result = json.readTree("\"" + "x".repeat(200) + "\"");
        assertThatThrownBy(() -> codec.encode(result)).isInstanceOf(ResultTooLargeException.class)
                .hasMessageContaining("cache.limits.max-result-bytes");
    }
}
