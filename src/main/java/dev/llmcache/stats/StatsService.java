package dev.llmcache.stats;

import dev.llmcache.ledger.LookupCounts;
import dev.llmcache.ledger.UnflushedLookups;
import dev.llmcache.pricing.Money;
import dev.llmcache.storage.DatabaseMaintenance;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Service;

/**
 * Builds the statistics from the maintained aggregates plus this server's unflushed lookups, so
 * the answer costs a few small queries whatever the number of entries.
 */
@Service
public class StatsService {

    private final StatsRepository repository;
    private final UnflushedLookups tracker;
    private final DatabaseMaintenance database;

    StatsService(StatsRepository repository, UnflushedLookups tracker, DatabaseMaintenance database) {
        this.repository = repository;
        this.tracker = tracker;
        this.database = database;
    }

    public StatsReport report(String namespace) {
        long onDisk = database.sizeOnDisk(); // file sizes or one catalogue query: outside the pending lookups' read
        return tracker.readWithPending(namespace, pending -> {
            Map<String, TypeStats> types = new TreeMap<>();
            repository.byType(namespace).forEach(row -> types.put(row.cacheType(), row));
            pending.byType().forEach((type, counts) -> types.merge(type,
                    new TypeStats(type, 0, 0, 0, 0, 0, 0, counts.hits(), counts.misses(), counts.savedNanos()),
                    StatsService::plus));
            return build(namespace, types.values(), repository.byModel(namespace), repository.promptCache(namespace),
                    repository.duplicateNanos(namespace), onDisk, repository.withDictionary(namespace));
        });
    }

    private static StatsReport build(String namespace, Iterable<TypeStats> types, List<ModelStats> models,
            StatsReport.PromptCache promptCache, long duplicateNanos, long databaseBytesOnDisk, long[] withDictionary) {
        long entries = 0, tokens = 0, cost = 0, fileSize = 0, resultBytes = 0, storedBytes = 0;
        LookupCounts lookups = LookupCounts.ZERO;
        List<StatsReport.TypeRow> byType = new ArrayList<>();
        for (TypeStats t : types) {
            entries += t.entries();
            tokens += t.tokens();
            cost += t.costNanos();
            fileSize += t.fileSize();
            resultBytes += t.resultBytes();
            storedBytes += t.storedBytes();
            lookups = lookups.plus(new LookupCounts(t.hits(), t.misses(), t.savedNanos()));
            if (!t.cacheType().isEmpty() && (t.entries() > 0 || t.hits() > 0 || t.misses() > 0)) {
                byType.add(new StatsReport.TypeRow(t.cacheType(), t.entries(), t.tokens(), Money.usd(t.costNanos()),
                        t.storedBytes(), t.hits(), t.misses()));
            }
        }
        List<StatsReport.ModelRow> byModel = models.stream()
                .map(m -> new StatsReport.ModelRow(m.provider(), m.model(), m.entries(), m.tokens(), Money.usd(m.costNanos())))
                .toList();
        long lookupsTotal = lookups.hits() + lookups.misses();
        return new StatsReport(namespace, entries, tokens, fileSize, resultBytes, storedBytes,
                resultBytes == 0 ? 0 : 100.0 * (resultBytes - storedBytes) / resultBytes, databaseBytesOnDisk,
                Money.usd(cost), lookups.hits(), lookups.misses(),
                lookupsTotal == 0 ? 0 : (double) lookups.hits() / lookupsTotal,
                Money.usd(lookups.savedNanos()), Money.usd(duplicateNanos), byType, byModel, promptCache,
                new StatsReport.Compression(
                        StatsReport.Part.of(withDictionary[0], withDictionary[1], withDictionary[2]),
                        StatsReport.Part.of(entries - withDictionary[0], resultBytes - withDictionary[1],
                                storedBytes - withDictionary[2])));
    }

    private static TypeStats plus(TypeStats a, TypeStats b) {
        return new TypeStats(a.cacheType(), a.entries() + b.entries(), a.tokens() + b.tokens(),
                a.costNanos() + b.costNanos(), a.fileSize() + b.fileSize(), a.resultBytes() + b.resultBytes(),
                a.storedBytes() + b.storedBytes(), a.hits() + b.hits(), a.misses() + b.misses(),
                a.savedNanos() + b.savedNanos());
    }
}
