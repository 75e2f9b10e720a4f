package dev.llmcache.compression;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.luben.zstd.ZstdDictCompress;
import com.github.luben.zstd.ZstdDictDecompress;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The dictionaries in memory: zstd's compression and decompression objects (expensive to make, safe
 * to share between threads) by dictionary id, and which dictionary is current for each kind. A
 * dictionary's bytes never change, so an object made once serves for ever; an id that this replica
 * has not seen is loaded once, by primary key, when a frame first names it. Which one is current is
 * read again by the dictionary job's every run (another replica may have trained one).
 */
@Component
class Dictionaries {

    /** Far more than a cache holds (a few per kind); a bound, not a working size. */
    private static final int MAX_CACHED = 10_000;

    private final DictionaryRepository repository;
    private final Cache<Long, ZstdDictDecompress> decompressors = Caffeine.newBuilder().maximumSize(MAX_CACHED).build();
    /** zstd takes the level from the compression object, not from the context: one per dictionary and level. */
    private final Cache<CompressorKey, ZstdDictCompress> compressors = Caffeine.newBuilder().maximumSize(MAX_CACHED).build();
    /** Null until first needed: read then, once the schema exists, and again by every run of the job. */
    private volatile Map<Kind, DictionaryRepository.Header> current;

    Dictionaries(DictionaryRepository repository) {
        this.repository = repository;
    }

    /** The kind's current dictionary id and its compressor at the level, or empty when the kind has none yet. */
    Optional<Current> current(Kind kind, int level) {
        DictionaryRepository.Header header = currentHeaders().get(kind);
        if (header == null) {
            return Optional.empty();
        }
        ZstdDictCompress compressor = compressors.get(new CompressorKey(header.id(), level), key -> repository
                .bytes(key.id()).map(bytes -> new ZstdDictCompress(bytes, key.level())).orElse(null));
        return compressor == null ? Optional.empty() : Optional.of(new Current(header.id(), compressor));
    }

    /** The current dictionary of a kind with its compressor (at the level it was asked for). */
    record Current(long id, ZstdDictCompress compressor) {
    }

    private record CompressorKey(long id, int level) {
    }

    /** The current headers, by kind. */
    Map<Kind, DictionaryRepository.Header> currentHeaders() {
        Map<Kind, DictionaryRepository.Header> known = current;
        if (known == null) {
            refresh();
            known = current;
        }
        return known;
    }

    /** The decompressor of a dictionary, loaded once by id; empty when no such dictionary is stored. */
    Optional<ZstdDictDecompress> decompressor(long id) {
        return Optional.ofNullable(decompressors.get(id, key -> repository.bytes(key).map(ZstdDictDecompress::new).orElse(null)));
    }

    /** Reads which dictionary is current for each kind: the newest. */
    void refresh() {
        Map<Kind, DictionaryRepository.Header> newest = new HashMap<>();
        for (DictionaryRepository.Header header : repository.headers()) {
            newest.put(header.kind(), header); // oldest first: the last one wins
        }
        current = Map.copyOf(newest);
    }
}
