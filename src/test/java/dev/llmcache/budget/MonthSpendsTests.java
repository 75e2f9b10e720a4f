package dev.llmcache.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.llmcache.ledger.SpendChanges;
import dev.llmcache.storage.DatabaseVendor;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** When a miss's copy of the month's spend serves, and when the database is read again. */
class MonthSpendsTests {

    private static final YearMonth NOVEMBER = YearMonth.of(2026, 11);
    private static final Instant NOW = Instant.parse("2026-11-21T08:15:00Z");

    private final BudgetRepository repository = mock(BudgetRepository.class);
    private final SpendChanges spendChanges = mock(SpendChanges.class);
    private final MonthSpends spends = new MonthSpends(repository, spendChanges, DatabaseVendor.SQLITE);

    @BeforeEach
    void ledger() {
        when(repository.monthSpend("ns", NOVEMBER)).thenReturn(new BudgetRepository.MonthSpend(1_000, null),
                new BudgetRepository.MonthSpend(2_000, null));
        when(repository.monthSpend("ns", NOVEMBER.plusMonths(1))).thenReturn(new BudgetRepository.MonthSpend(0, null));
        when(spendChanges.version()).thenReturn(7L);
    }

    @Test
    void missesWithinASecondOfTheReadAndNoChangeShareOneRead() {
        assertThat(spends.of("ns", NOVEMBER, NOW).spentNanos()).isEqualTo(1_000);
        assertThat(spends.of("ns", NOVEMBER, NOW.plusMillis(999)).spentNanos()).isEqualTo(1_000);

        verify(repository, times(1)).monthSpend("ns", NOVEMBER);
    }

    @Test
    void aSpendCommittedSinceTheReadIsReadAtOnce() {
        spends.of("ns", NOVEMBER, NOW);
        when(spendChanges.version()).thenReturn(8L);

        assertThat(spends.of("ns", NOVEMBER, NOW).spentNanos()).isEqualTo(2_000);
    }

    @Test
    void aBudgetSavedSinceTheReadIsReadAtOnce() {
        spends.of("ns", NOVEMBER, NOW);
        spends.budgetChanged();

        assertThat(spends.of("ns", NOVEMBER, NOW).spentNanos()).isEqualTo(2_000);
    }

    @Test
    void aSecondAfterTheReadOtherReplicasStoresAreReadAgain() {
        spends.of("ns", NOVEMBER, NOW);

        assertThat(spends.of("ns", NOVEMBER, NOW.plus(MonthSpends.FRESH_FOR)).spentNanos()).isEqualTo(2_000);
    }

    @Test
    void onPostgresEveryMissReadsTheDatabaseSoOtherReplicasChangesCountAtOnce() {
        MonthSpends shared = new MonthSpends(repository, spendChanges, DatabaseVendor.POSTGRESQL);

        assertThat(shared.of("ns", NOVEMBER, NOW).spentNanos()).isEqualTo(1_000);
        assertThat(shared.of("ns", NOVEMBER, NOW).spentNanos()).as("another replica's store, no version moved here").isEqualTo(2_000);
        verify(repository, times(2)).monthSpend("ns", NOVEMBER);
    }

    @Test
    void aClockSetBackDoesNotStretchACopysLife() {
        spends.of("ns", NOVEMBER, NOW);

        assertThat(spends.of("ns", NOVEMBER, NOW.minus(Duration.ofMillis(1))).spentNanos()).isEqualTo(2_000);
    }

    @Test
    void aNewMonthIsReadForItself() {
        spends.of("ns", NOVEMBER, NOW);

        assertThat(spends.of("ns", NOVEMBER.plusMonths(1), NOW).spentNanos()).isZero();
    }
}
