package dev.llmcache.migration;

import dev.llmcache.entry.EntryRepository;
import dev.llmcache.entry.ImportRepository;
import dev.llmcache.entry.EntryService;
import dev.llmcache.entry.NewEntry;
import dev.llmcache.entry.ResultCodec;
import dev.llmcache.entry.SpendCeilingExceededException;
import dev.llmcache.entry.StoredEntry;
import dev.llmcache.storage.StorageFailure;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

/**
 * Handles one batch of prepared entries on the migration's own thread: stores them in one short
 * transaction (or, in a dry run, only asks which keys are already there), then, when asked, reads
 * them back and compares each with its source file. Failures keep the batch's file order.
 */
final class BatchImporter {

    private static final Logger log = LoggerFactory.getLogger(BatchImporter.class);

    private final EntryService service;
    private final EntryRepository entries;
    private final ImportRepository imports;
    private final ResultCodec codec;

    BatchImporter(EntryService service, EntryRepository entries, ImportRepository imports, ResultCodec codec) {
        this.service = service;
        this.entries = entries;
        this.imports = imports;
        this.codec = codec;
    }

    /**
     * What became of a batch: counts, failures in file order, and the legacy files' bytes of the entries it
     * stored (in a dry run: would store); the destination's size is measured on disk by the migration.
     */
    record Outcome(long migrated, long skipped, List<LegacyFailure> failures, long sourceSize, boolean mismatch) {
    }

    Outcome importBatch(List<PreparedEntry> batch, String namespace, boolean dryRun, boolean verify) {
        List<PreparedEntry.Ready> ready = new ArrayList<>();
        for (PreparedEntry item : batch) {
            if (item instanceof PreparedEntry.Ready entry) {
                ready.add(entry);
            }
        }
        // errors[i] is why ready.get(i) failed (refused by the database, or not read back equal), else null
        String[] errors = new String[ready.size()];
        boolean[] stored = dryRun ? wouldStore(namespace, ready) : store(ready, errors);
        boolean mismatch = verify && !dryRun && verify(namespace, ready, stored, errors);
        return outcome(batch, stored, errors, mismatch);
    }

    private static Outcome outcome(List<PreparedEntry> batch, boolean[] stored, String[] errors, boolean mismatch) {
        long migrated = 0;
        long skipped = 0;
        long sourceSize = 0;
        List<LegacyFailure> failures = new ArrayList<>();
        int i = 0;
        for (PreparedEntry item : batch) {
            if (item instanceof PreparedEntry.Rejected rejected) {
                failures.add(rejected.failure());
                continue;
            }
            PreparedEntry.Ready entry = (PreparedEntry.Ready) item;
            int index = i++;
            if (errors[index] != null) {
                failures.add(new LegacyFailure(entry.sourceFile(), entry.entry().factors().cacheType(), errors[index]));
                continue;
            }
            if (stored[index]) {
                migrated++;
                sourceSize += entry.sourceBytes();
            } else {
                skipped++;
            }
        }
        if (log.isDebugEnabled()) {
            failures.forEach(f -> log.debug("Not migrated: {} ({}): {}", f.filePath(), f.cacheType(), f.error()));
        }
        return new Outcome(migrated, skipped, failures, sourceSize, mismatch);
    }

    /** Which entries a real run would store: keys not in the database and not met earlier in the batch. */
    private boolean[] wouldStore(String namespace, List<PreparedEntry.Ready> ready) {
        Set<String> taken = new HashSet<>(imports.existingKeys(namespace,
                ready.stream().map(entry -> entry.entry().cacheKey()).distinct().toList()));
        boolean[] stored = new boolean[ready.size()];
        for (int i = 0; i < stored.length; i++) {
            stored[i] = taken.add(ready.get(i).entry().cacheKey());
        }
        return stored;
    }

    /**
     * Stores the batch in one transaction. Should the database refuse it for a reason of the data (not
     * of the database: disk, connection), or an entry's cost not fit under the spend ceiling, the entries
     * are stored one by one to name the ones at fault.
     */
    private boolean[] store(List<PreparedEntry.Ready> ready, String[] errors) {
        boolean[] stored = new boolean[ready.size()];
        try {
            List<Boolean> flags = service.storeAllIfAbsent(ready.stream().map(PreparedEntry.Ready::entry).toList());
            for (int i = 0; i < stored.length; i++) {
                stored[i] = flags.get(i);
            }
            return stored;
        } catch (SpendCeilingExceededException e) {
            // the others fit, and the sums grow entry by entry: one by one, each is checked against what is stored
            log.debug("A batch of {} entries would carry a sum past the spend ceiling; storing them one by one", ready.size());
        } catch (DataAccessException e) {
            if (StorageFailure.classify(e) != StorageFailure.OTHER) {
                throw e;
            }
            log.debug("A batch of {} entries was refused ({}); storing them one by one", ready.size(),
                    e.getMostSpecificCause().getMessage());
        }
        for (int i = 0; i < stored.length; i++) {
            try {
                stored[i] = service.storeAllIfAbsent(List.of(ready.get(i).entry())).get(0);
            } catch (SpendCeilingExceededException e) {
                errors[i] = e.getMessage();
            } catch (DataAccessException e) {
                if (StorageFailure.classify(e) != StorageFailure.OTHER) {
                    throw e;
                }
                errors[i] = "the database refused the entry: " + e.getMostSpecificCause().getMessage();
            }
        }
        return stored;
    }

    /**
     * Reads the batch's entries back and compares each stored result with its source file's; a mismatch
     * becomes the entry's error. True when there was at least one.
     */
    private boolean verify(String namespace, List<PreparedEntry.Ready> ready, boolean[] stored, String[] errors) {
        Map<String, StoredEntry> found = new HashMap<>();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < errors.length; i++) {
            if (errors[i] == null) {
                keys.add(ready.get(i).entry().cacheKey());
            }
        }
        if (!keys.isEmpty()) {
            entries.findAllByCacheKey(namespace, keys.stream().distinct().toList())
                    .forEach(entry -> found.put(entry.metadata().cacheKey(), entry));
        }
        boolean mismatch = false;
        for (int i = 0; i < errors.length; i++) {
            if (errors[i] != null) {
                continue;
            }
            String key = ready.get(i).entry().cacheKey();
            StoredEntry entry = found.get(key);
            if (entry == null) {
                errors[i] = "verification failed: no entry is stored under its key " + key;
            } else if (!codec.decodeTree(entry.frame(), (int) entry.metadata().resultBytes())
                    .equals(ready.get(i).sourceResult())) {
                errors[i] = "verification failed: the result stored under " + key + " differs from the file's"
                        + (stored[i] ? "" : " (that entry was stored before this migration)");
            }
            mismatch |= errors[i] != null;
        }
        return mismatch;
    }
}
