package dev.llmcache.compression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Frames read back with and without dictionaries: alternately, after a damaged frame, and from several threads at once. */
class FramesTests {

    private static final Kind KIND = new Kind(1, 2);

    private final TestFrames test = new TestFrames(3);
    private final Frames frames = test.frames();

    @Test
    void framesWithAndWithoutADictionaryReadBackAlternately() {
        test.store(KIND, 40_001, samples(400));
        byte[] withJson = json(7_001);
        byte[] aloneJson = json(7_002);
        Frames.Frame with = frames.compress(withJson, KIND);
        Frames.Frame alone = frames.compressAlone(aloneJson);
        assertThat(with.dictionaryId()).isEqualTo(40_001);
        assertThat(alone.dictionaryId()).isZero();

        for (int i = 0; i < 200; i++) {
            assertThat(frames.decompress(with.bytes(), withJson.length)).isEqualTo(withJson);
            assertThat(frames.decompress(alone.bytes(), aloneJson.length)).isEqualTo(aloneJson);
        }
    }

    @Test
    void bulkWorkCompressesAtTheBulkLevelWithTheSameDictionaryAndReadsBackTheSame() {
        TestFrames levels = new TestFrames(3, 15);
        levels.store(KIND, 40_010, samples(400));
        long storeBytes = 0;
        long bulkBytes = 0;
        for (int n = 8_000; n < 8_200; n++) {
            byte[] json = json(n);
            Frames.Frame stored = levels.frames().compress(json, KIND);
            Frames.Frame bulk = levels.frames().compressInBulk(json, KIND);
            assertThat(bulk.dictionaryId()).isEqualTo(stored.dictionaryId()).isEqualTo(40_010);
            assertThat(levels.frames().decompress(bulk.bytes(), json.length)).isEqualTo(json);
            storeBytes += stored.bytes().length;
            bulkBytes += bulk.bytes().length;
        }
        assertThat(bulkBytes).isLessThan(storeBytes);
        assertThat(levels.frames().compressInBulk(json(9_000), new Kind(1, 9)).dictionaryId()).isZero();
    }

    @Test
    void aFrameThatDoesNotDecompressLeavesTheNextReadsIntact() {
        byte[] json = json(7_003);
        Frames.Frame frame = frames.compressAlone(json);
        byte[] damaged = frame.bytes().clone();
        for (int i = 6; i < damaged.length; i++) {
            damaged[i] = (byte) (damaged[i] ^ 0x5a);
        }

        for (int i = 0; i < 50; i++) {
            assertThatThrownBy(() -> frames.decompress(damaged, json.length)).isInstanceOf(UnreadableFrameException.class);
            assertThat(frames.decompress(frame.bytes(), json.length)).isEqualTo(json);
        }
    }

    @Test
    void oneReaderReadsFramesWithOtherDictionariesNoneAndDamagedOnesInARow() {
        test.store(KIND, 40_003, samples(400));
        test.store(new Kind(1, 3), 40_004, samples(400));
        byte[] first = json(9_001);
        byte[] second = json(9_002);
        byte[] alone = json(9_003);
        Frames.Frame withFirst = frames.compress(first, KIND);
        Frames.Frame withSecond = frames.compress(second, new Kind(1, 3));
        Frames.Frame withNone = frames.compressAlone(alone);
        assertThat(withFirst.dictionaryId()).isEqualTo(40_003);
        assertThat(withSecond.dictionaryId()).isEqualTo(40_004);
        byte[] damaged = withFirst.bytes().clone();
        for (int i = 10; i < damaged.length; i++) {
            damaged[i] = (byte) (damaged[i] ^ 0x5a);
        }

        try (Frames.Reader reader = frames.reader()) {
            for (int i = 0; i < 50; i++) {
                assertThat(reader.decompress(withFirst.bytes(), first.length)).isEqualTo(first);
                assertThat(reader.decompress(withFirst.bytes(), first.length)).isEqualTo(first);
                assertThat(reader.decompress(withNone.bytes(), alone.length)).isEqualTo(alone);
                assertThat(reader.decompress(withSecond.bytes(), second.length)).isEqualTo(second);
                assertThatThrownBy(() -> reader.decompress(damaged, first.length)).isInstanceOf(UnreadableFrameException.class);
                assertThat(reader.decompress(withFirst.bytes(), first.length)).isEqualTo(first);
            }
        }
    }

    @Test
    void oneReaderReadsFramesOfMoreKindsThanItKeepsLoadedInTurn() {
        int kinds = LoadedContexts.MAX + 2;
        List<byte[]> jsons = new ArrayList<>();
        List<Frames.Frame> written = new ArrayList<>();
        for (int k = 0; k < kinds; k++) {
            Kind kind = new Kind(2, 10 + k);
            test.store(kind, 41_000 + k, samples(400));
            byte[] json = json(9_200 + k);
            jsons.add(json);
            written.add(frames.compress(json, kind));
            assertThat(written.get(k).dictionaryId()).isEqualTo(41_000 + k);
        }
        byte[] alone = json(9_299);
        Frames.Frame withNone = frames.compressAlone(alone);

        try (Frames.Reader reader = frames.reader()) {
            for (int round = 0; round < 20; round++) {
                // the first kinds in turn (all loaded at once), then every kind (each evicting another)
                int reach = round % 2 == 0 ? LoadedContexts.MAX - 1 : kinds;
                for (int k = 0; k < reach; k++) {
                    assertThat(reader.decompress(written.get(k).bytes(), jsons.get(k).length)).isEqualTo(jsons.get(k));
                }
                assertThat(reader.decompress(withNone.bytes(), alone.length)).isEqualTo(alone);
            }
        }
    }

    @Test
    void aReaderRefusesAFrameWhoseDictionaryIsNotStored() {
        TestFrames elsewhere = new TestFrames(3);
        elsewhere.store(KIND, 40_005, samples(400));
        byte[] json = json(9_004);
        Frames.Frame foreign = elsewhere.frames().compress(json, KIND);

        try (Frames.Reader reader = frames.reader()) {
            assertThatThrownBy(() -> reader.decompress(foreign.bytes(), json.length))
                    .isInstanceOf(UnreadableFrameException.class).hasMessageContaining("40005");
            assertThat(reader.decompress(frames.compressAlone(json).bytes(), json.length)).isEqualTo(json);
        }
    }

    @Test
    void aClosedReaderIsLentAgainWithItsDictionaryAndReadsEveryOtherFrameToo() {
        test.store(KIND, 40_006, samples(400));
        test.store(new Kind(1, 4), 40_007, samples(400));
        byte[] json = json(9_101);
        Frames.Frame first = frames.compress(json, KIND);
        Frames.Frame second = frames.compress(json, new Kind(1, 4));
        Frames.Frame alone = frames.compressAlone(json);
        Frames.Reader used;
        try (Frames.Reader reader = frames.reader()) {
            assertThat(reader.decompress(first.bytes(), json.length)).isEqualTo(json);
            used = reader;
        }

        for (Frames.Frame frame : List.of(first, second, alone, first)) {
            try (Frames.Reader reader = frames.reader()) {
                assertThat(reader).isSameAs(used);
                assertThat(reader.decompress(frame.bytes(), json.length)).isEqualTo(json);
            }
        }
    }

    @Test
    void aReaderClosedTwiceIsGivenBackOnce() {
        Frames.Reader reader = frames.reader();
        reader.close();
        reader.close();

        try (Frames.Reader first = frames.reader(); Frames.Reader second = frames.reader()) {
            assertThat(first).isNotSameAs(second);
        }
    }

    @Test
    void readersBeyondTheBoundAreFreedNotKept() {
        List<Frames.Reader> open = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            open.add(frames.reader());
        }
        open.forEach(Frames.Reader::close);

        assertThat(frames.idleReaders()).isBetween(4, 63);
        byte[] json = json(9_102);
        assertThat(frames.decompress(frames.compressAlone(json).bytes(), json.length)).isEqualTo(json);
    }

    @Test
    void concurrentReadsEachGetTheirOwnResult() throws Exception {
        test.store(KIND, 40_002, samples(400));
        List<byte[]> jsons = new ArrayList<>();
        List<Frames.Frame> compressed = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            byte[] json = json(8_000 + i);
            jsons.add(json);
            compressed.add(i % 2 == 0 ? frames.compress(json, KIND) : frames.compressAlone(json));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> reads = new ArrayList<>();
            for (int round = 0; round < 20; round++) {
                for (int i = 0; i < jsons.size(); i++) {
                    int n = i;
                    reads.add(pool.submit(() -> java.util.Arrays.equals(
                            frames.decompress(compressed.get(n).bytes(), jsons.get(n).length), jsons.get(n))));
                }
            }
            for (Future<Boolean> read : reads) {
                assertThat(read.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<byte[]> samples(int count) {
        List<byte[]> samples = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            samples.add(json(i));
        }
        return samples;
    }

    private static byte[] json(int n) {
        return ("{\"file\":\"src/module" + n % 17 + "/File" + n + ".java\",\"summary\":\"Refactor the method number " + n
                + " to use the builder\",\"issues\":[{\"line\":" + (n % 300) + ",\"severity\":\"warning\",\"message\":\"unused variable x"
                + n + "\"}],\"score\":" + (n % 10) + "}").getBytes(StandardCharsets.UTF_8);
    }
}
