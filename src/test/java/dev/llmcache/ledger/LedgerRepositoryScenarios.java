package dev.llmcache.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcache.storage.EmptyTables;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The ledger's upsert, called directly on each database: rows add up, never overwrite; spend left
 * to a transaction's commit is written then, once per row, without what was rolled back.
 */
@Import({LedgerRepository.class, SpendChanges.class})
abstract class LedgerRepositoryScenarios {

    private static final YearMonth NOVEMBER = YearMonth.of(2026, 11);
    private static final LedgerKey GROK = new LedgerKey("ns", NOVEMBER, "xai", "grok-beta", "refactor");

    @Autowired
    LedgerRepository ledger;

    @Autowired
    JdbcClient write;

    @Autowired
    PlatformTransactionManager transactionManager;

    @BeforeEach
    void emptyLedger() {
        EmptyTables.empty(write);
    }

    @Test
    void writesOfOneRowAddUp() {
        ledger.recordWrite(GROK, 1_000, 50);
        ledger.recordWrite(GROK, 2_000, 70);
        ledger.recordWrites(GROK, 10_000, 300, 3);

        assertThat(row(GROK)).containsExactly(13_000L, 420L, 5L, 0L, 0L, 0L);
    }

    @Test
    void promptCacheFiguresOfWritesAddUpAndLookupsLeaveThemAlone() {
        ledger.recordWrites(GROK, new WriteTotals(1_000, 50, 1, 1_920, 0, 2_400));
        ledger.recordWrites(GROK, new WriteTotals(2_000, 70, 2, 80, 3_000, 600));
        ledger.recordWrite(GROK, 500, 10);
        ledger.recordLookups(Map.of(GROK, new LookupCounts(1, 1, 3_000)));

        assertThat(row(GROK)).containsExactly(3_500L, 130L, 4L, 1L, 1L, 3_000L);
        assertThat(promptCache(GROK)).containsExactly(2_000L, 3_000L, 3_000L);
    }

    @Test
    void theLargestFiguresOfOneEntryFitInEveryColumn() {
        long maxTokens = 1_000_000_000_000L;
        // 10^12 tokens of each kind at $1000 per million (the bounds): 4 × 10^18 nano-dollars at most
        WriteTotals largest = new WriteTotals(4_000_000_000_000_000_000L, 4 * maxTokens, 1, maxTokens, maxTokens,
                1_000_000_000_000_000_000L);

        ledger.recordWrites(GROK, largest);

        assertThat(row(GROK)).containsExactly(4_000_000_000_000_000_000L, 4 * maxTokens, 1L, 0L, 0L, 0L);
        assertThat(promptCache(GROK)).containsExactly(maxTokens, maxTokens, 1_000_000_000_000_000_000L);
    }

    @Test
    void lookupsAddToTheRowsOfWritesAndCreateTheirOwn() {
        LedgerKey missByKey = new LedgerKey("ns", NOVEMBER, "", "", "");
        ledger.recordWrite(GROK, 1_000, 50);

        ledger.recordLookups(Map.of(GROK, new LookupCounts(3, 1, 3_000), missByKey, new LookupCounts(0, 4, 0)));
        ledger.recordLookups(Map.of(GROK, new LookupCounts(1, 0, 1_000)));

        assertThat(row(GROK)).containsExactly(1_000L, 50L, 1L, 4L, 1L, 4_000L);
        assertThat(row(missByKey)).containsExactly(0L, 0L, 0L, 0L, 4L, 0L);
    }

    /**
     * Hits add their entry's cost to the savings without bound: past what a long holds the sum stops at
     * the ceiling (compared before adding: SQLite's + would turn it into a float, PostgreSQL's fail, and the
     * flush with it, for ever), while the hits and misses of the same flush are counted all the same.
     */
    @Test
    void savingsStopAtTheCeilingWhileHitsAndMissesStillAddUp() {
        LedgerKey other = new LedgerKey("ns", NOVEMBER, "xai", "grok-beta", "docs");
        ledger.recordWrite(GROK, 1_000, 50);
        assertThat(ledger.recordLookups(Map.of(GROK, new LookupCounts(2, 0, Savings.MAX_NANOS - 10)))).isEmpty();

        Set<LedgerKey> atCeiling = ledger.recordLookups(Map.of(GROK, new LookupCounts(3, 1, 4_000_000_000_000_000_000L),
                other, new LookupCounts(1, 0, 5)));
        ledger.recordLookups(Map.of(GROK, new LookupCounts(1, 2, Savings.MAX_NANOS)));

        assertThat(row(GROK)).containsExactly(1_000L, 50L, 1L, 6L, 3L, Savings.MAX_NANOS);
        assertThat(row(other)).containsExactly(0L, 0L, 0L, 1L, 0L, 5L);
        assertThat(atCeiling).containsExactly(GROK);
        // an integer equal to the ceiling, not a float that a read would round to it
        assertThat(write.sql("SELECT count(*) FROM ledger WHERE saved_nanos = 9223372036854775807").query(Long.class)
                .single()).isEqualTo(1);
    }

    @Test
    void rowsAreKeptApartByEveryPartOfTheirKey() {
        for (LedgerKey key : List.of(GROK, new LedgerKey("other", NOVEMBER, "xai", "grok-beta", "refactor"),
                new LedgerKey("ns", NOVEMBER.plusMonths(1), "xai", "grok-beta", "refactor"),
                new LedgerKey("ns", NOVEMBER, "openai", "grok-beta", "refactor"),
                new LedgerKey("ns", NOVEMBER, "xai", "grok-2", "refactor"),
                new LedgerKey("ns", NOVEMBER, "xai", "grok-beta", "docs"))) {
            ledger.recordWrite(key, 1, 1);
        }

        assertThat(write.sql("SELECT count(*) FROM ledger").query(Long.class).single()).isEqualTo(6);
        assertThat(row(GROK)).containsExactly(1L, 1L, 1L, 0L, 0L, 0L);
    }

    @Test
    void spendRecordedAtCommitIsSummedPerRowAndWrittenWhenTheTransactionCommits() {
        LedgerKey docs = new LedgerKey("ns", NOVEMBER, "xai", "grok-beta", "docs");
        transactions().executeWithoutResult(status -> {
            ledger.recordWritesAtCommit(GROK, new WriteTotals(1_000, 50, 1, 10, 0, 200), 0);
            ledger.recordWritesAtCommit(docs, WriteTotals.of(5, 1), 0);
            ledger.recordWritesAtCommit(GROK, WriteTotals.of(2_000, 70), 2_000);

            assertThat(rowCount()).as("nothing written before the commit").isZero();
        });

        assertThat(row(GROK)).containsExactly(3_000L, 120L, 2L, 0L, 0L, 0L);
        assertThat(promptCache(GROK)).containsExactly(10L, 0L, 200L);
        assertThat(duplicate(GROK)).isEqualTo(2_000L);
        assertThat(row(docs)).containsExactly(5L, 1L, 1L, 0L, 0L, 0L);
    }

    @Test
    void aWriteRolledBackToItsSavepointTakesItsSpendWithIt() {
        transactions().executeWithoutResult(status -> {
            ledger.recordWritesAtCommit(GROK, WriteTotals.of(1_000, 50), 0);
            Object failing = status.createSavepoint();
            ledger.recordWritesAtCommit(GROK, WriteTotals.of(2_000, 70), 2_000);
            status.rollbackToSavepoint(failing);
            Object next = status.createSavepoint();
            ledger.recordWritesAtCommit(GROK, WriteTotals.of(4_000, 90), 0);
            status.releaseSavepoint(next);
        });

        assertThat(row(GROK)).containsExactly(5_000L, 140L, 2L, 0L, 0L, 0L);
        assertThat(duplicate(GROK)).isZero();
    }

    @Test
    void aRollbackToASavepointMadeBeforeAnySpendTakesAllOfIt() {
        transactions().executeWithoutResult(status -> {
            Object first = status.createSavepoint();
            ledger.recordWritesAtCommit(GROK, WriteTotals.of(1_000, 50), 0);
            status.rollbackToSavepoint(first);
            ledger.recordWritesAtCommit(GROK, WriteTotals.of(3, 1), 0);
        });

        assertThat(row(GROK)).containsExactly(3L, 1L, 1L, 0L, 0L, 0L);
    }

    @Test
    void spendOfATransactionRolledBackIsNeverWrittenNorCarriedIntoTheNext() {
        transactions().executeWithoutResult(status -> {
            ledger.recordWritesAtCommit(GROK, WriteTotals.of(1_000, 50), 0);
            status.setRollbackOnly();
        });
        transactions().executeWithoutResult(status -> ledger.recordWritesAtCommit(GROK, WriteTotals.of(7, 1), 0));

        assertThat(row(GROK)).containsExactly(7L, 1L, 1L, 0L, 0L, 0L);
    }

    @Test
    void monthSumsInsideTheTransactionCountItsSpendNotYetWritten() {
        ledger.recordWrites(GROK, new WriteTotals(100, 1, 1, 0, 0, 30));
        LedgerKey otherMonth = new LedgerKey("ns", NOVEMBER.plusMonths(1), "xai", "grok-beta", "refactor");
        LedgerKey otherNamespace = new LedgerKey("other", NOVEMBER, "xai", "grok-beta", "refactor");
        transactions().executeWithoutResult(status -> {
            ledger.recordWritesAtCommit(new LedgerKey("ns", NOVEMBER, "openai", "gpt-4o", "docs"),
                    new WriteTotals(1_000, 1, 1, 0, 0, 400), 0);
            ledger.recordWritesAtCommit(otherMonth, WriteTotals.of(50_000, 1), 0);
            ledger.recordWritesAtCommit(otherNamespace, WriteTotals.of(70_000, 1), 0);

            assertThat(ledger.monthSums("ns", NOVEMBER)).isEqualTo(new LedgerRepository.MonthSums(1_100, 430));
        });
        assertThat(ledger.monthSums("ns", NOVEMBER)).isEqualTo(new LedgerRepository.MonthSums(1_100, 430));
    }

    @Test
    void spendRecordedOutsideATransactionIsWrittenAtOnce() {
        ledger.recordWritesAtCommit(GROK, WriteTotals.of(1_000, 50), 1_000);

        assertThat(row(GROK)).containsExactly(1_000L, 50L, 1L, 0L, 0L, 0L);
        assertThat(duplicate(GROK)).isEqualTo(1_000L);
    }

    private TransactionTemplate transactions() {
        return new TransactionTemplate(transactionManager);
    }

    private long rowCount() {
        return write.sql("SELECT count(*) FROM ledger").query(Long.class).single();
    }

    private long duplicate(LedgerKey key) {
        return write.sql("""
                SELECT duplicate_nanos FROM ledger
                WHERE namespace = :namespace AND month = :month AND provider = :provider AND model = :model
                    AND cache_type = :cacheType
                """).param("namespace", key.namespace()).param("month", key.month().toString())
                .param("provider", key.provider()).param("model", key.model()).param("cacheType", key.cacheType())
                .query(Long.class).single();
    }

    /** cached input tokens, cache write tokens, prompt-cache saving. */
    private List<Long> promptCache(LedgerKey key) {
        return write.sql("""
                SELECT cached_input_tokens, cache_write_tokens, prompt_cache_saved_nanos FROM ledger
                WHERE namespace = :namespace AND month = :month AND provider = :provider AND model = :model
                    AND cache_type = :cacheType
                """).param("namespace", key.namespace()).param("month", key.month().toString())
                .param("provider", key.provider()).param("model", key.model()).param("cacheType", key.cacheType())
                .query((rs, n) -> List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3)))
                .single();
    }

    /** spent, tokens, writes, hits, misses, saved. */
    private List<Long> row(LedgerKey key) {
        return write.sql("""
                SELECT spent_nanos, tokens, writes, hits, misses, saved_nanos FROM ledger
                WHERE namespace = :namespace AND month = :month AND provider = :provider AND model = :model
                    AND cache_type = :cacheType
                """).param("namespace", key.namespace()).param("month", key.month().toString())
                .param("provider", key.provider()).param("model", key.model()).param("cacheType", key.cacheType())
                .query((rs, n) -> List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                        rs.getLong(6)))
                .single();
    }
}
