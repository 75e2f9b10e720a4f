package dev.llmcache.compression;

import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

import dev.llmcache.config.CacheProperties;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.util.unit.DataSize;

/**
 * {@link Frames} for unit tests of other packages, over dictionaries held in memory instead of the
 * database: {@link #store} adds one and makes it its kind's current dictionary.
 */
public final class TestFrames {

    private final Map<Long, byte[]> stored = new HashMap<>();
    private final List<DictionaryRepository.Header> headers = new ArrayList<>();
    private final DictionaryRepository repository = mock(DictionaryRepository.class);
    private final Dictionaries dictionaries;
    private final Frames frames;

    /** Stores and bulk work at the same level. */
    public TestFrames(int level) {
        this(level, level);
    }

    public TestFrames(int level, int bulkLevel) {
        CacheProperties cache = new CacheProperties(Path.of("data"), Duration.ofSeconds(5),
                new CacheProperties.Compression(level, bulkLevel),
                new CacheProperties.Limits(DataSize.ofMegabytes(16), DataSize.ofMegabytes(8), DataSize.ofMegabytes(32), null, null, null), null);
        given(repository.headers()).willAnswer(call -> List.copyOf(headers));
        given(repository.bytes(anyLong())).willAnswer(call -> Optional.ofNullable(stored.get(call.<Long>getArgument(0))));
        this.dictionaries = new Dictionaries(repository);
        this.frames = new Frames(dictionaries, properties(), cache);
    }

    /** The defaults of {@code cache.compression.dictionary.*}. */
    public static DictionaryProperties properties() {
        return new DictionaryProperties(true, 300, 2000, DataSize.ofKilobytes(32), 2.0, Duration.ofMinutes(5), 200);
    }

    /** The bytes of a dictionary {@link #store} added. */
    public byte[] bytes(long id) {
        return stored.get(id);
    }

    public Frames frames() {
        return frames;
    }

    /** Trains a dictionary on the samples, stores it under the id and makes it the kind's current one. */
    public long store(Kind kind, long id, List<byte[]> samples) {
        com.github.luben.zstd.ZstdDictTrainer trainer = new com.github.luben.zstd.ZstdDictTrainer(
                samples.stream().mapToInt(s -> s.length).sum(), 16 * 1024);
        samples.forEach(trainer::addSample);
        stored.put(id, DictionaryTrainer.withId(trainer.trainSamples(), id));
        headers.add(new DictionaryRepository.Header(id, kind, Instant.EPOCH.plusSeconds(headers.size()), samples.size()));
        dictionaries.refresh();
        return id;
    }

    /** Forgets a dictionary, as if its row were lost (and this replica had never loaded it). */
    public void lose(long id) {
        stored.remove(id);
    }
}
