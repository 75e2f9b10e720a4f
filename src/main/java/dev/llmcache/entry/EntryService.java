package dev.llmcache.entry;

import dev.llmcache.ledger.LedgerKey;
import dev.llmcache.ledger.LedgerRepository;
import dev.llmcache.ledger.WriteTotals;
import dev.llmcache.pricing.Money;
import dev.llmcache.pricing.PricingTable;
import dev.llmcache.pricing.Quote;
import dev.llmcache.pricing.TokenCounts;
import dev.llmcache.storage.GroupCommit;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stores results: prices them, upserts the entry and records the spend in the ledger, all in one
 * transaction, so an acknowledged write is complete or absent, never half there. Each write
 * publishes an {@link EntryStored} event in that transaction.
 */
@Service
public class EntryService {

    private static final Logger log = LoggerFactory.getLogger(EntryService.class);
    private static final int CLEAR_BATCH = 5_000;

    private final EntryRepository entries;
    private final ImportRepository imports;
    private final LedgerRepository ledger;
    private final PricingTable pricing;
    private final ApplicationEventPublisher events;
    private final GroupCommit groupCommit;
    private final SpendCeiling ceiling;

    EntryService(EntryRepository entries, ImportRepository imports, LedgerRepository ledger,
            PricingTable pricing, ApplicationEventPublisher events, GroupCommit groupCommit, SpendCeiling ceiling) {
        this.groupCommit = groupCommit;
        this.ceiling = ceiling;
        this.entries = entries;
        this.imports = imports;
        this.ledger = ledger;
        this.pricing = pricing;
        this.events = events;
    }

    /**
     * Stores a result, replacing any under the same key, in a transaction committed before this
     * returns: on SQLite together with the other stores waiting at that moment (group commit), the
     * price fixed first so that an entry the pricing refuses fails alone, before it joins a group.
     */
    public StoreOutcome store(NewEntry entry) {
        Quote quote = quoteOf(entry);
        try {
            return groupCommit.run(() -> write(entry, quote));
        } catch (RuntimeException e) {
            if (SpendCeiling.isOverflow(e)) {
                throw SpendCeiling.refusal(quote.costNanos(), ledgerKey(entry).month());
            }
            throw e;
        }
    }

    private StoreOutcome write(NewEntry entry, Quote quote) {
        long cost = quote.costNanos();
        ceiling.check(entry, ledgerKey(entry).month(), quote);
        // Insert first: on PostgreSQL a concurrent writer of the same key waits for us, then replaces.
        for (int attempt = 0; ; attempt++) {
            if (entries.insertIfAbsent(entry, cost).isPresent()) {
                recordSpend(entry, quote, false);
                return new StoreOutcome(EntryMetadata.written(entry, cost, entry.legacyKey()), true);
            }
            Optional<EntryRepository.Replaced> replaced = entries.replace(entry, cost);
            if (replaced.isPresent()) {
                // the key held a result already: this one was paid for twice
                recordSpend(entry, quote, true);
                return new StoreOutcome(EntryMetadata.written(entry, cost, replaced.get().legacyKey()), false);
            }
            if (attempt > 3) { // deleted between our insert and update, again and again
                throw new IllegalStateException("entry " + entry.cacheKey() + " keeps disappearing while being stored");
            }
        }
    }

    /**
     * Stores an imported result unless its key is already there; true when it was stored. The
     * cost is recorded in the month it was analysed.
     */
    @Transactional
    public boolean storeIfAbsent(NewEntry entry) {
        return storeAllIfAbsent(List.of(entry)).get(0);
    }

    /**
     * Stores imported results whose keys are not there yet, all in one transaction: element i of the
     * answer is true when {@code batch.get(i)} was stored, false when its key was already there
     * (stored before, or by an earlier element of the same batch). An entry already there adopts the
     * import's legacy key when it had none, so the legacy key finds it too. Each stored entry's cost
     * is recorded in the month it was analysed, one ledger write per ledger row of the batch.
     *
     * @param batch entries of one namespace
     * @throws SpendCeilingExceededException when an entry that is not there yet would carry a sum past what
     *     a long of nano-dollars holds (see {@link SpendCeiling}); nothing of the batch is stored then
     */
    @Transactional
    public List<Boolean> storeAllIfAbsent(List<NewEntry> batch) {
        if (batch.stream().map(NewEntry::namespace).distinct().count() > 1) {
            throw new IllegalArgumentException("a batch of imported entries belongs to one namespace");
        }
        // only the first entry of a key may be stored; the database says which of those were not there
        Map<String, Quote> quotes = new HashMap<>();
        List<NewEntry> candidates = new ArrayList<>(batch.size());
        for (NewEntry entry : batch) {
            if (!quotes.containsKey(entry.cacheKey())) {
                quotes.put(entry.cacheKey(), quoteOf(entry));
                candidates.add(entry);
            }
        }
        // before any write: past the ceiling SQLite's sums would turn into floats, PostgreSQL's would fail
        if (!candidates.isEmpty()) {
            ceiling.checkImport(candidates.get(0).namespace(), candidates, quotes);
        }
        Set<String> inserted = imports.insertAllIfAbsent(candidates,
                candidates.stream().mapToLong(entry -> quotes.get(entry.cacheKey()).costNanos()).toArray());
        List<Boolean> stored = new ArrayList<>(batch.size());
        Set<String> claimed = new HashSet<>();
        Map<LedgerKey, WriteTotals> spend = new LinkedHashMap<>();
        List<NewEntry> adopting = new ArrayList<>();
        List<String> found = new ArrayList<>();
        for (NewEntry entry : batch) {
            boolean isNew = inserted.contains(entry.cacheKey()) && claimed.add(entry.cacheKey());
            if (isNew) {
                Quote quote = quotes.get(entry.cacheKey());
                spend.merge(ledgerKey(entry), totals(entry, quote), WriteTotals::plus);
                published(entry, quote, true, false);
                found.add(entry.cacheKey());
            } else if (entry.legacyKey() != null) {
                adopting.add(entry);
            }
            if (entry.legacyKey() != null) {
                found.add(entry.legacyKey());
            }
            stored.add(isNew);
        }
        imports.adoptLegacyKeys(adopting);
        spend.forEach(ledger::recordWrites);
        if (!found.isEmpty()) {
            events.publishEvent(new EntriesImported(batch.get(0).namespace(), found));
        }
        return stored;
    }

    /** Deletes the entries matching a filter, in batches so other writes go on meanwhile. */
    public long clear(String namespace, EntryFilter filter) {
        long total = 0;
        int deleted;
        do {
            deleted = entries.deleteBatch(namespace, filter, CLEAR_BATCH);
            total += deleted;
        } while (deleted == CLEAR_BATCH);
        return total;
    }

    /**
     * The price of a write: exact from its token counts when any is known, else estimated from
     * {@code tokensUsed} (legacy entries, clients that send only a total).
     */
    Quote quoteOf(NewEntry entry) {
        TokenCounts counts = new TokenCounts(entry.inputTokens(), entry.outputTokens(), entry.cachedInputTokens(),
                entry.cacheWriteTokens(), null);
        return pricing.quote(entry.provider(), entry.factors().model(), counts.exact() ? counts : TokenCounts.total(entry.tokensUsed()));
    }

    private void recordSpend(NewEntry entry, Quote quote, boolean duplicate) {
        long duplicateNanos = duplicate ? quote.costNanos() : 0;
        if (groupCommit.groups()) {
            // one ledger upsert per row for the whole group (docs/performance.md, changes 16 and 40)
            ledger.recordWritesAtCommit(ledgerKey(entry), totals(entry, quote), duplicateNanos);
        } else {
            ledger.recordWrites(ledgerKey(entry), totals(entry, quote), duplicateNanos);
        }
        published(entry, quote, false, duplicate);
    }

    private static WriteTotals totals(NewEntry entry, Quote quote) {
        return new WriteTotals(quote.costNanos(), entry.tokensUsed(), 1, orZero(entry.cachedInputTokens()),
                orZero(entry.cacheWriteTokens()), quote.cacheSavingNanos());
    }

    private static long orZero(Long count) {
        return count == null ? 0 : count;
    }

    private static LedgerKey ledgerKey(NewEntry entry) {
        KeyFactors factors = entry.factors();
        return new LedgerKey(entry.namespace(), YearMonth.from(entry.createdAt().atZone(ZoneOffset.UTC)),
                entry.provider(), factors.model(), factors.cacheType());
    }

    private void published(NewEntry entry, Quote quote, boolean imported, boolean duplicate) {
        KeyFactors factors = entry.factors();
        long cost = quote.costNanos();
        if (log.isDebugEnabled()) {
            log.debug("Stored {} in namespace {} ({} {}/{}, {} tokens, {})", entry.cacheKey(), entry.namespace(),
                    factors.cacheType(), entry.provider(), factors.model(), entry.tokensUsed(), Money.formatPrecise(cost));
        }
        events.publishEvent(new EntryStored(entry.namespace(), entry.cacheKey(), entry.provider(), factors.model(),
                factors.cacheType(), cost, entry.tokensUsed(), imported, duplicate, orZero(entry.cachedInputTokens()),
                orZero(entry.cacheWriteTokens()), quote.cacheSavingNanos()));
    }

}
