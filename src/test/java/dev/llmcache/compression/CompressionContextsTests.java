package dev.llmcache.compression;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdDictCompress;
import com.github.luben.zstd.ZstdDictTrainer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Reused compression contexts write, frame for frame, what a fresh context per result writes. */
class CompressionContextsTests {

    private final CompressionContexts contexts = new CompressionContexts(2);

    @AfterEach
    void close() {
        contexts.close();
    }

    @Test
    void aReusedContextWritesTheFramesAFreshOneWouldAtEverySizeAndLevel() {
        for (int kilobytes : new int[] {1, 10, 100, 1}) {
            for (int level : new int[] {3, 19, 1}) {
                byte[] json = json(kilobytes * 1024, kilobytes + level);

                assertThat(contexts.compress(json, level)).isEqualTo(Zstd.compress(json, level));
            }
        }
        assertThat(contexts.idle()).isOne();
    }

    @Test
    void framesWithAndWithoutADictionaryInTurnAreThoseOfFreshContexts() {
        try (ZstdDictCompress dictionary = new ZstdDictCompress(trainedDictionary(), 3)) {
            for (int i = 0; i < 3; i++) {
                byte[] json = json(2048, i);

                byte[] withDictionary = contexts.compress(json, dictionary);
                assertThat(withDictionary).isEqualTo(Zstd.compress(json, dictionary));
                assertThat(Zstd.getDictIdFromFrame(withDictionary)).isEqualTo(Zstd.getDictIdFromDict(trainedDictionary()));
                // the dictionary does not stay in the context for the next result
                assertThat(contexts.compress(json, 3)).isEqualTo(Zstd.compress(json, 3));
            }
        }
    }

    @Test
    void aDictionaryCanBeFreedOnceItsResultIsCompressed() {
        ZstdDictCompress dictionary = new ZstdDictCompress(trainedDictionary(), 3);
        contexts.compress(json(2048, 1), dictionary);

        dictionary.close(); // a context still holding it would keep its shared lock

        assertThat(contexts.compress(json(2048, 2), 3)).isEqualTo(Zstd.compress(json(2048, 2), 3));
    }

    @Test
    void manyThreadsAtOnceEachGetTheirOwnContextAndNoMoreThanTheBoundAreKept() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> done = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                start.await();
                boolean same = true;
                for (int i = 0; i < 200; i++) {
                    byte[] json = json(2048, thread * 1000 + i);
                    same &= java.util.Arrays.equals(contexts.compress(json, 3), Zstd.compress(json, 3));
                }
                return same;
            }));
        }
        start.countDown();
        for (Future<Boolean> future : done) {
            assertThat(future.get(1, TimeUnit.MINUTES)).isTrue();
        }
        pool.shutdown();

        assertThat(contexts.idle()).isBetween(1, 2);
    }

    private static byte[] trainedDictionary() {
        ZstdDictTrainer trainer = new ZstdDictTrainer(4 * 1024 * 1024, 16 * 1024);
        for (int i = 0; i < 400; i++) {
            trainer.addSample(json(1024, i));
        }
        return trainer.trainSamples();
    }

    /** About {@code size} bytes of JSON, differing with {@code seed}. */
    private static byte[] json(int size, int seed) {
        StringBuilder json = new StringBuilder("{\"issues\":[");
        for (int i = 0; json.length() < size; i++) {
            json.append(i == 0 ? "" : ",").append("{\"line\":").append((seed * 31 + i) % 997)
                    .append(",\"message\":\"unused variable x").append(seed + i).append(" in method m").append(i % 13)
                    .append("\"}");
        }
        return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }
}
