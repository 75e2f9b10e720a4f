package dev.llmcache.budget;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.llmcache.ledger.SpendChanges;
import dev.llmcache.storage.DatabaseVendor;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * A namespace's spend this month and its budget, as a miss's budget level needs them, kept between
 * misses on SQLite: read for every miss, they were 7.7 % of a miss's CPU (docs/performance.md,
 * change 27). A copy serves while no commit of this process has changed the ledger's spend or a
 * budget since it was read, and for at most {@link #FRESH_FOR} (an offline {@code migrate} may import
 * beside the server). The versions are read before the rows, so a copy read while a change commits
 * carries the version the change then moves past.
 *
 * <p>On PostgreSQL every miss reads them: replicas share the database, and a copy would let a replica
 * grant leases for up to {@link #FRESH_FOR} in a namespace another replica had just taken past its
 * budget (API.md: such a miss "answers 402").
 */
@Component
class MonthSpends {

    static final Duration FRESH_FOR = Duration.ofSeconds(1);
    /** Namespaces kept; beyond them the least used are read again on their next miss. */
    static final int MAX_NAMESPACES = 10_000;

    private final BudgetRepository repository;
    private final SpendChanges spendChanges;
    private final boolean keepsCopies;
    private final AtomicLong budgetChanges = new AtomicLong();
    // maintenance on the calling thread: no pool of Caffeine's own
    private final Cache<String, Copy> copies = Caffeine.newBuilder().maximumSize(MAX_NAMESPACES).executor(Runnable::run).build();

    MonthSpends(BudgetRepository repository, SpendChanges spendChanges, DatabaseVendor vendor) {
        this.repository = repository;
        this.spendChanges = spendChanges;
        this.keepsCopies = vendor == DatabaseVendor.SQLITE;
    }

    private record Copy(YearMonth month, long spendVersion, long budgetVersion, Instant readAt, BudgetRepository.MonthSpend spend) {

        boolean serves(YearMonth month, long spendVersion, long budgetVersion, Instant now) {
            return this.month.equals(month) && this.spendVersion == spendVersion && this.budgetVersion == budgetVersion
                    && !now.isBefore(readAt) && now.isBefore(readAt.plus(FRESH_FOR));
        }
    }

    /** The namespace's spend in {@code month} and its own budget, from a current copy or from the database. */
    BudgetRepository.MonthSpend of(String namespace, YearMonth month, Instant now) {
        if (!keepsCopies) {
            return repository.monthSpend(namespace, month);
        }
        long spendVersion = spendChanges.version();
        long budgetVersion = budgetChanges.get();
        Copy copy = copies.getIfPresent(namespace);
        if (copy != null && copy.serves(month, spendVersion, budgetVersion, now)) {
            return copy.spend();
        }
        BudgetRepository.MonthSpend spend = repository.monthSpend(namespace, month);
        copies.put(namespace, new Copy(month, spendVersion, budgetVersion, now, spend));
        return spend;
    }

    /** A budget was saved (and committed): no copy read before serves again. */
    void budgetChanged() {
        budgetChanges.incrementAndGet();
    }
}
