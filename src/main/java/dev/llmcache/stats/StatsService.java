package dev.llmcache.stats;

import dev.llmcache.ledger.LookupCounts;
import dev.llmcache.ledger.Savings;
import dev.llmcache.ledger.UnflushedLookups;
import dev.llmcache.pricing.Money;
import dev.llmcache.storage.DatabaseMaintenance;
import java.math.BigDecimal;
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
                    repository.duplicateUsd(namespace), onDisk, repository.withDictionary(namespace));
        });
    }

    private static StatsReport build(String namespace, Iterable<TypeStats> types, List<ModelStats> models,
            StatsReport.PromptCache promptCache, BigDecimal duplicateUsd, long databaseBytesOnDisk, long[] withDictionary) {
        long entries = 0, tokens = 0, cost = 0, fileSize = 0, resultBytes = 0, storedBytes = 0;
        LookupCounts lookups = LookupCounts.ZERO;
        List<StatsReport.TypeRow> byType = new ArrayList<>();
        for (TypeStats t : types) {
            // the cost of the entries held is bounded by the spend ceiling, the counts by the number of entries
            // (tokens: 4·10^12 each): exact additions, so that a sum past a long fails loudly, never wraps
            entries = Math.addExact(entries, t.entries());
            tokens = Math.addExact(tokens, t.tokens());
            cost = Math.addExact(cost, t.costNanos());
            fileSize = Math.addExact(fileSize, t.fileSize());
            resultBytes = Math.addExact(resultBytes, t.resultBytes());
            storedBytes = Math.addExact(storedBytes, t.storedBytes());
            // savings stop at their ceiling
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
                Money.usd(lookups.savedNanos()), duplicateUsd, byType, byModel, promptCache,
                new StatsReport.Compression(
                        StatsReport.Part.of(withDictionary[0], withDictionary[1], withDictionary[2]),
                        StatsReport.Part.of(entries - withDictionary[0], resultBytes - withDictionary[1],
                                storedBytes - withDictionary[2])));
    }

    /** Savings stop at their ceiling (they then mean "at least"); any other sum that would overflow throws. */
    private static TypeStats plus(TypeStats a, TypeStats b) {
        return new TypeStats(a.cacheType(), Math.addExact(a.entries(), b.entries()), Math.addExact(a.tokens(), b.tokens()),
                Math.addExact(a.costNanos(), b.costNanos()), Math.addExact(a.fileSize(), b.fileSize()),
                Math.addExact(a.resultBytes(), b.resultBytes()), Math.addExact(a.storedBytes(), b.storedBytes()),
                Math.addExact(a.hits(), b.hits()), Math.addExact(a.misses(), b.misses()),
                Savings.add(a.savedNanos(), b.savedNanos()));
    }
}
