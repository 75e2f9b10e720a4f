package dev.llmcache.lookup;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.llmcache.entry.DamagedResultException;
import dev.llmcache.entry.EntryMetadata;
import dev.llmcache.entry.EntryRepository;
import dev.llmcache.entry.StoredEntry;
import dev.llmcache.support.ThrottledLog;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * What a lookup does with an entry whose stored result is damaged: it logs a WARN line with the
 * key, counts it in {@code llmcache_corrupt_entries_total} and removes the entry, so that the next
 * store of the key writes a fresh row. The caller answers a miss.
 *
 * <p>Every damaged entry gets its line (API.md: "logged at WARN with its key"; an operator needs
 * every key to know what was lost). The lines cannot flood the log: a damaged entry is removed when
 * found, and one that could not be removed (the database refusing writes) is logged again only
 * after {@link #REPEAT_PERIOD}, however often it is looked up.
 */
@Component
class DamagedEntries {

    private static final Logger log = LoggerFactory.getLogger(DamagedEntries.class);
    private static final Duration REPEAT_PERIOD = Duration.ofMinutes(1);

    /** The entries logged within the last {@link #REPEAT_PERIOD}, by namespace and key. */
    private final Cache<String, Boolean> reported = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(REPEAT_PERIOD).build();
    private final ThrottledLog notRemoved = new ThrottledLog(log, REPEAT_PERIOD);
    private final EntryRepository entries;
    private final LookupObserver[] observers;

    DamagedEntries(EntryRepository entries, List<LookupObserver> observers) {
        this.entries = entries;
        this.observers = observers.toArray(LookupObserver[]::new);
    }

    /** Reports and removes the entry; never throws, so that the lookup can answer its miss. */
    void remove(StoredEntry entry, DamagedResultException damage) {
        EntryMetadata metadata = entry.metadata();
        if (reported.asMap().putIfAbsent(metadata.namespace() + "/" + metadata.cacheKey(), Boolean.TRUE) == null) {
            log.warn("Entry {} in namespace {} has a damaged stored result ({}): answered as a miss and removed",
                    metadata.cacheKey(), metadata.namespace(), damage.getMessage());
        }
        for (LookupObserver observer : observers) {
            observer.corrupt(metadata.namespace());
        }
        try {
            entries.deleteIfUnchanged(entry);
        } catch (DataAccessException e) {
            // The miss is still the right answer; the next lookup finds the damage again and retries.
            notRemoved.warn("Could not remove the damaged entry {} in namespace {}: {}", metadata.cacheKey(),
                    metadata.namespace(), e.getMostSpecificCause().getMessage());
        }
    }
}
