package dev.llmcache.compression;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdDictTrainer;
import com.github.luben.zstd.ZstdException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.springframework.stereotype.Component;

/**
 * Trains one kind's dictionary: reads a sample of its newest results on the read pool, trains with
 * zstd's trainer outside any transaction, gives the dictionary an id of its own and stores it in one
 * short insert. Stores go on meanwhile: nothing here holds the writer but the insert.
 */
@Component
class DictionaryTrainer {

    /** zstd reserves ids below 32768 for registered dictionaries and from 2^31 up. */
    static final long MIN_ID = 32_768;
    static final long MAX_ID = (1L << 31) - 1;
    private static final int ID_ATTEMPTS = 5;

    private final DictionaryRepository repository;
    private final Frames frames;
    private final DictionaryProperties properties;
    private final Clock clock;
    private final RandomGenerator random = new SecureRandom();

    DictionaryTrainer(DictionaryRepository repository, Frames frames, DictionaryProperties properties, Clock clock) {
        this.repository = repository;
        this.frames = frames;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Trains and stores a dictionary for the kind, which holds {@code kindEntries} entries; empty when
     * fewer than min-samples results could be read or zstd could not train on them.
     */
    Optional<Dictionary> train(Kind kind, long kindEntries) {
        List<byte[]> samples = new ArrayList<>();
        long sampleBytes = 0;
        for (DictionaryRepository.Sample sample : repository.newestResults(kind, properties.maxSamples())) {
            try {
                byte[] json = frames.decompress(sample.frame(), sample.resultBytes());
                samples.add(json);
                sampleBytes += json.length;
            } catch (UnreadableFrameException e) {
                // a damaged result is no sample; lookups deal with it
            }
        }
        if (samples.size() < properties.minSamples()) {
            return Optional.empty();
        }
        ZstdDictTrainer trainer = new ZstdDictTrainer((int) Math.min(Integer.MAX_VALUE - 8, sampleBytes),
                (int) properties.size().toBytes());
        samples.forEach(trainer::addSample);
        byte[] bytes;
        try {
            bytes = trainer.trainSamples();
        } catch (ZstdException e) {
            return Optional.empty(); // too little or too uniform input: the kind stays without one
        }
        for (int attempt = 0; attempt < ID_ATTEMPTS; attempt++) {
            long id = random.nextLong(MIN_ID, MAX_ID + 1);
            Dictionary dictionary = new Dictionary(id, kind, clock.instant(), samples.size(), kindEntries, withId(bytes, id));
            if (repository.insertIfAbsent(dictionary)) {
                return Optional.of(dictionary);
            }
        }
        throw new IllegalStateException("no free dictionary id after " + ID_ATTEMPTS + " attempts");
    }

    /**
     * The dictionary with another id: a zstd dictionary starts with its magic number and then its id,
     * 4 bytes little-endian, which the compressor copies into each frame's header. The trainer derives
     * the id from the content; ours comes from the table, unique across replicas.
     */
    static byte[] withId(byte[] dictionary, long id) {
        byte[] copy = dictionary.clone();
        for (int i = 0; i < 4; i++) {
            copy[4 + i] = (byte) (id >>> (8 * i));
        }
        if (Zstd.getDictIdFromDict(copy) != id) {
            throw new IllegalStateException("not a zstd dictionary: its id could not be set");
        }
        return copy;
    }
}
