package dev.llmcache.entry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdDictCompress;
import dev.llmcache.compression.Kind;
import dev.llmcache.compression.TestFrames;
import dev.llmcache.config.CacheProperties;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ResultCodecTests {

    private final JsonMapper json = JsonMapper.builder().build();

    private ResultCodec codec(int level, DataSize maxResult) {
        return codec(new TestFrames(level), level, maxResult);
    }

    private ResultCodec codec(TestFrames frames, int level, DataSize maxResult) {
        Names names = mock(Names.class);
        given(names.find(anyString())).willAnswer(call -> Optional.ofNullable(NAME_IDS.get(call.<String>getArgument(0))));
        return new ResultCodec(json, new CacheProperties(Path.of("data"), Duration.ofSeconds(5),
                new CacheProperties.Compression(level, level),
                new CacheProperties.Limits(DataSize.ofMegabytes(16), maxResult, DataSize.ofMegabytes(32), null, null, null), null), frames.frames(), names);
    }

    private static final Map<String, Long> NAME_IDS = Map.of("team", 1L, "refactor", 2L, "docs", 3L);
    private static final Kind TEAM_REFACTOR = new Kind(1, 2);

    private List<byte[]> samples(String type, int count) {
        List<byte[]> samples = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            samples.add(json.writeValueAsBytes(result(type, i)));
        }
        return samples;
    }

    private JsonNode result(String type, int i) {
        return json.readTree("""
                {"summary": "The %s of module %d: the function handle_request is long and nests deeply",
                 "issues": [{"kind": "long_method", "line": %d, "severity": "warning", "suggestion": "split it"},
                            {"kind": "deep_nesting", "line": %d, "severity": "info", "suggestion": "return early"}],
                 "complexity_score": %d, "confidence": 0.%d}""".formatted(type, i, i * 7 % 500, i * 13 % 700, i % 100, i % 10));
    }

    private StoredEntry stored(EncodedResult encoded) {
        EntryMetadata metadata = mock(EntryMetadata.class);
        given(metadata.resultBytes()).willReturn((long) encoded.resultBytes());
        return new StoredEntry(1, 0, metadata, encoded.etag(), encoded.frame());
    }

    @Test
    void aKindWithADictionaryIsCompressedWithItAndReadBackByTheIdInTheFrame() {
        TestFrames frames = new TestFrames(3);
        ResultCodec codec = codec(frames, 3, DataSize.ofMegabytes(8));
        JsonNode result = result("refactor", 5000);
        EncodedResult alone = codec.encode("team", "refactor", result);
        assertThat(alone.dictionaryId()).isZero();
        assertThat(Zstd.getDictIdFromFrame(alone.frame())).isZero();

        frames.store(TEAM_REFACTOR, 1_234_567, samples("refactor", 400));
        EncodedResult withDictionary = codec.encode("team", "refactor", result);

        assertThat(withDictionary.dictionaryId()).isEqualTo(1_234_567);
        assertThat(Zstd.getDictIdFromFrame(withDictionary.frame())).isEqualTo(1_234_567);
        assertThat(withDictionary.storedBytes()).isLessThan(alone.storedBytes() * 3 / 4);
        assertThat(withDictionary.etag()).isEqualTo(alone.etag());
        assertThat(withDictionary.resultBytes()).isEqualTo(alone.resultBytes());
        assertThat(codec.decodeStored(stored(withDictionary))).isEqualTo(json.writeValueAsBytes(result));
        assertThat(codec.decodeStored(stored(alone))).isEqualTo(json.writeValueAsBytes(result));
    }

    @Test
    void framesOfAnOlderDictionaryStayReadableAfterANewerOneIsCurrent() {
        TestFrames frames = new TestFrames(3);
        ResultCodec codec = codec(frames, 3, DataSize.ofMegabytes(8));
        frames.store(TEAM_REFACTOR, 40_000, samples("refactor", 300));
        EncodedResult old = codec.encode("team", "refactor", result("refactor", 9001));
        frames.store(TEAM_REFACTOR, 50_000, samples("refactor", 600));
        EncodedResult current = codec.encode("team", "refactor", result("refactor", 9001));

        assertThat(old.dictionaryId()).isEqualTo(40_000);
        assertThat(current.dictionaryId()).isEqualTo(50_000);
        assertThat(codec.decodeStored(stored(old))).isEqualTo(codec.decodeStored(stored(current)));
    }

    @Test
    void otherKindsAndUnknownNamesAreCompressedAlone() {
        TestFrames frames = new TestFrames(3);
        ResultCodec codec = codec(frames, 3, DataSize.ofMegabytes(8));
        frames.store(TEAM_REFACTOR, 60_000, samples("refactor", 300));

        assertThat(codec.encode("team", "docs", result("docs", 1)).dictionaryId()).isZero();
        assertThat(codec.encode("other-team", "refactor", result("refactor", 1)).dictionaryId()).isZero();
        assertThat(codec.encode(result("refactor", 1)).dictionaryId()).isZero();
    }

    @Test
    void aFrameWhoseDictionaryIsMissingIsDamaged() {
        TestFrames frames = new TestFrames(3);
        ResultCodec codec = codec(frames, 3, DataSize.ofMegabytes(8));
        frames.store(TEAM_REFACTOR, 70_000, samples("refactor", 300));
        EncodedResult encoded = codec.encode("team", "refactor", result("refactor", 1));
        TestFrames elsewhere = new TestFrames(3); // a replica that never saw dictionary 70000, whose row is gone
        ResultCodec reader = codec(elsewhere, 3, DataSize.ofMegabytes(8));

        assertThatThrownBy(() -> reader.decodeStored(stored(encoded))).isInstanceOf(DamagedResultException.class)
                .hasMessageContaining("dictionary 70000");
    }

    @Test
    void aResultThatDoesNotHashToItsEtagIsDamaged() {
        ResultCodec codec = codec(3, DataSize.ofMegabytes(8));
        EncodedResult encoded = codec.encode(json.readTree("{\"a\": 1}"));
        EncodedResult other = codec.encode(json.readTree("{\"a\": 2}"));
        StoredEntry withOthersEtag = new StoredEntry(1, 0, stored(encoded).metadata(), other.etag(), encoded.frame());

        assertThat(codec.decodeStored(stored(encoded))).isEqualTo("{\"a\":1}".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> codec.decodeStored(withOthersEtag)).isInstanceOf(DamagedResultException.class)
                .hasMessageContaining("ETag");
    }

    @Test
    void aCopyHoldingItsCheckedResultIsAnsweredWithItWithoutAFrame() {
        ResultCodec codec = codec(3, DataSize.ofMegabytes(8));
        EncodedResult encoded = codec.encode(json.readTree("{\"a\": 1}"));
        byte[] checked = codec.decodeStored(stored(encoded));

        StoredEntry copy = stored(encoded).checked(checked);

        assertThat(copy.frame()).isNull();
        assertThat(codec.decodeStored(copy)).isSameAs(checked);
    }

    @Test
    void aStoredEtagCutShortIsDamagedEvenWhenWhatIsLeftMatches() {
        ResultCodec codec = codec(3, DataSize.ofMegabytes(8));
        EncodedResult encoded = codec.encode(json.readTree("{\"a\": 1}"));
        String cut = encoded.etag().substring(0, 9) + "\""; // the first 4 of its 16 bytes
        StoredEntry withCutEtag = new StoredEntry(1, 0, stored(encoded).metadata(), cut, encoded.frame());

        assertThatThrownBy(() -> codec.decodeStored(withCutEtag)).isInstanceOf(DamagedResultException.class);
    }

    @Test
    void aDictionaryFrameReadWithTheWrongDictionaryIsDamaged() {
        TestFrames frames = new TestFrames(3);
        ResultCodec codec = codec(frames, 3, DataSize.ofMegabytes(8));
        frames.store(TEAM_REFACTOR, 80_000, samples("refactor", 300));
        EncodedResult encoded = codec.encode("team", "refactor", result("refactor", 1));
        TestFrames elsewhere = new TestFrames(3); // same id, other bytes
        elsewhere.store(new Kind(9, 9), 80_000, samples("docs", 300));

        assertThatThrownBy(() -> codec(elsewhere, 3, DataSize.ofMegabytes(8)).decodeStored(stored(encoded)))
                .isInstanceOf(DamagedResultException.class);
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
    void aMigrationsResultsAreCompressedAtTheBulkLevelWithTheKindsDictionary() {
        TestFrames frames = new TestFrames(3, 15);
        ResultCodec codec = codec(frames, 3, DataSize.ofMegabytes(8));
        frames.store(TEAM_REFACTOR, 61_001, samples("refactor", 400));
        JsonNode result = result("refactor", 401);

        EncodedResult bulk = codec.encodeInBulk("team", "refactor", result);

        EncodedResult stored = codec.encode("team", "refactor", result);
        assertThat(bulk.dictionaryId()).isEqualTo(stored.dictionaryId()).isEqualTo(61_001);
        assertThat(bulk.frame()).isEqualTo(Zstd.compress(json.writeValueAsBytes(result),
                new ZstdDictCompress(frames.bytes(61_001), 15)));
        assertThat(bulk.frame()).isNotEqualTo(stored.frame());
        assertThat(codec.decode(bulk.frame(), bulk.resultBytes())).isEqualTo(codec.decode(stored.frame(), stored.resultBytes()));
        assertThat(bulk.etag()).isEqualTo(stored.etag());
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
