package dev.llmcache.lookup;

import dev.llmcache.compression.Frames;
import dev.llmcache.config.CacheProperties;
import dev.llmcache.entry.DamagedResultException;
import dev.llmcache.entry.EntryKey;
import dev.llmcache.entry.EntryMetadata;
import dev.llmcache.entry.EntryRepository;
import dev.llmcache.entry.HotEntries;
import dev.llmcache.entry.KeyFactors;
import dev.llmcache.entry.KeyRead;
import dev.llmcache.entry.KeyReads;
import dev.llmcache.entry.ResultCodec;
import dev.llmcache.entry.StoredEntry;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.stereotype.Service;

/**
 * Answers lookups by key or by the key's factors and counts each as a hit or a miss. The hit path
 * reads one row on a read connection and writes nothing: accesses are recorded in memory. Every
 * hit and miss is also told to the {@link LookupObserver}s (the metrics).
 */
@Service
public class LookupService {

    /** Keys per query: well under SQLite's limit of bound parameters. */
    private static final int BATCH_QUERY_SIZE = 500;

    private final EntryRepository entries;
    private final KeyReads keyReads;
    private final ResultCodec codec;
    private final AccessTracker tracker;
    private final LookupObserver[] observers;
    private final DamagedEntries damaged;
    private final HotEntries hot;
    private final long maxBatchResultBytes;

    LookupService(EntryRepository entries, KeyReads keyReads, ResultCodec codec, AccessTracker tracker, List<LookupObserver> observers,
            DamagedEntries damaged, HotEntries hot, CacheProperties cache) {
        this.maxBatchResultBytes = cache.limits().maxBatchResultBytes().toBytes();
        this.entries = entries;
        this.keyReads = keyReads;
        this.codec = codec;
        this.tracker = tracker;
        this.damaged = damaged;
        this.hot = hot;
        this.observers = observers.toArray(LookupObserver[]::new);
    }

    /** Fetches by cache key or legacy key; a hit or a miss (of unknown cache type). */
    public Optional<ServedEntry> get(String namespace, EntryKey key) {
        Optional<ServedEntry> served = entries.find(namespace, key).flatMap(this::serve);
        if (served.isEmpty()) {
            miss(namespace, "", "");
        }
        return served;
    }

    /** Fetches by the key's factors; a hit or a miss of that cache type and model. */
    public Optional<ServedEntry> lookup(String namespace, KeyFactors factors) {
        Optional<ServedEntry> served = entries.find(namespace, new EntryKey(factors.cacheKey())).flatMap(this::serve);
        if (served.isEmpty()) {
            miss(namespace, factors.cacheType(), factors.model());
        }
        return served;
    }

    /**
     * Answers many lookups by factors with few queries; each counts as a hit or a miss. Results
     * come in request order, empty for a miss.
     */
    public List<Optional<ServedEntry>> batch(String namespace, List<BatchKey> lookups) {
        Map<String, StoredEntry> found = new HashMap<>();
        List<String> keys = lookups.stream().map(BatchKey::cacheKey).distinct().toList();
        for (int from = 0; from < keys.size(); from += BATCH_QUERY_SIZE) {
            keyReads.findAll(namespace, keys.subList(from, Math.min(keys.size(), from + BATCH_QUERY_SIZE)))
                    .forEach(entry -> found.put(entry.metadata().cacheKey(), entry));
        }
        long resultBytes = 0;
        for (BatchKey lookup : lookups) {
            StoredEntry entry = found.get(lookup.cacheKey());
            resultBytes += entry == null ? 0 : entry.metadata().resultBytes();
        }
        if (resultBytes > maxBatchResultBytes) {
            throw new BatchTooLargeException(resultBytes, maxBatchResultBytes); // before any lookup is counted
        }
        // one decompression context for the whole batch, not one per result
        try (Frames.Reader reader = codec.reader()) {
            return lookups.stream().map(lookup -> {
                StoredEntry entry = found.get(lookup.cacheKey());
                Optional<ServedEntry> served = entry == null ? Optional.empty() : serve(entry, reader);
                if (served.isEmpty()) {
                    found.remove(lookup.cacheKey()); // a damaged entry is reported once, however often it is asked
                    miss(namespace, lookup.cacheType(), lookup.model());
                }
                return served;
            }).toList();
        }
    }

    /** The entry under a key, counting nothing yet: the caller serves it or counts a miss. */
    Optional<StoredEntry> find(String namespace, EntryKey key) {
        return entries.find(namespace, key);
    }

    /** As {@link #find}, with the key's live lease at {@code now} where the same read can tell it ({@link KeyRead}). */
    KeyRead findWithLease(String namespace, EntryKey key, Instant now) {
        return keyReads.find(namespace, key, now);
    }

    /** Serves a found entry as a hit (counted, with its saving); empty when its result is damaged (then removed): the caller counts a miss. */
    Optional<ServedEntry> serveHit(StoredEntry entry) {
        return serve(entry);
    }

    /** Counts a miss of a cache type and model ("" when unknown). */
    void countMiss(String namespace, String cacheType, String model) {
        miss(namespace, cacheType, model);
    }

    /**
     * The metadata and ETag of the entry a GET would serve, counting neither hit nor miss (HEAD). The
     * stored result is read and checked as a GET checks it, so that HEAD answers 404 where GET would: a
     * damaged one is reported and removed as a GET's would be.
     */
    public Optional<StoredEntry> head(String namespace, EntryKey key) {
        return entries.find(namespace, key).filter(this::intact).map(entry -> new StoredEntry(entry.id(), entry.costNanos(),
                withUnflushedAccesses(entry), entry.etag(), null));
    }

    /** Checks the result as a hit would, and like a hit leaves the entry's copy holding it checked (a HEAD after a HEAD decodes nothing). */
    private boolean intact(StoredEntry entry) {
        byte[] result = checkedResult(entry, codec::decodeStored);
        if (result == null) {
            return false;
        }
        hot.checked(entry, result);
        return true;
    }

    /**
     * A hit, or empty (a miss) when the stored result is damaged: then the entry is removed. A single
     * entry is decoded with a reader borrowed only when it needs one (a copy holding its checked result does not).
     */
    private Optional<ServedEntry> serve(StoredEntry entry) {
        return served(entry, checkedResult(entry, codec::decodeStored));
    }

    private Optional<ServedEntry> serve(StoredEntry entry, Frames.Reader reader) {
        return served(entry, checkedResult(entry, stored -> codec.decodeStored(stored, reader)));
    }

    private Optional<ServedEntry> served(StoredEntry entry, byte[] result) {
        if (result == null) {
            return Optional.empty();
        }
        hot.checked(entry, result);
        tracker.recordHit(entry);
        EntryMetadata metadata = entry.metadata();
        for (LookupObserver observer : observers) {
            observer.hit(metadata.namespace(), metadata.cacheType(), entry.costNanos());
        }
        return Optional.of(new ServedEntry(withUnflushedAccesses(entry), entry.etag(), result));
    }

    /** The entry's result, checked against its size and ETag; null when damaged (then reported and removed). */
    private byte[] checkedResult(StoredEntry entry, Function<StoredEntry, byte[]> decode) {
        try {
            return decode.apply(entry);
        } catch (DamagedResultException damage) {
            damaged.remove(entry, damage);
            return null;
        }
    }

    private void miss(String namespace, String cacheType, String model) {
        tracker.recordMiss(namespace, cacheType, model);
        for (LookupObserver observer : observers) {
            observer.miss(namespace, cacheType);
        }
    }

    private EntryMetadata withUnflushedAccesses(StoredEntry entry) {
        PendingAccess.EntryAccess pending = tracker.unflushed(entry);
        return pending == null ? entry.metadata()
                : entry.metadata().withAccesses(pending.count(), Instant.ofEpochMilli(pending.lastAccessedAt()));
    }
}
