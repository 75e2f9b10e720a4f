package dev.llmcache.lookup;

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
 * key (throttled, so that a damaged disk does not flood the log), counts it in
 * {@code llmcache_corrupt_entries_total} and removes the entry, so that the next store of the key
 * writes a fresh row. The caller answers a miss.
 */
@Component
class DamagedEntries {

    private static final Logger log = LoggerFactory.getLogger(DamagedEntries.class);
    /** Each damaged entry is removed when found, so lines repeat only when many entries are damaged. */
    private static final Duration WARNING_PERIOD = Duration.ofSeconds(1);

    private final ThrottledLog damaged = new ThrottledLog(log, WARNING_PERIOD);
    private final ThrottledLog notRemoved = new ThrottledLog(log, Duration.ofMinutes(1));
    private final EntryRepository entries;
    private final LookupObserver[] observers;

    DamagedEntries(EntryRepository entries, List<LookupObserver> observers) {
        this.entries = entries;
        this.observers = observers.toArray(LookupObserver[]::new);
    }

    /** Reports and removes the entry; never throws, so that the lookup can answer its miss. */
    void remove(StoredEntry entry, DamagedResultException damage) {
        EntryMetadata metadata = entry.metadata();
        damaged.warn("Entry {} in namespace {} has a damaged stored result ({}): answered as a miss and removed",
                metadata.cacheKey(), metadata.namespace(), damage.getMessage());
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
