package dev.llmcache.budget;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcache.ledger.LedgerKey;
import dev.llmcache.ledger.LedgerRepository;
import dev.llmcache.ledger.SpendChanges;
import dev.llmcache.storage.EmptyTables;
import java.time.Instant;
import java.time.YearMonth;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The month's spend a miss reads, beside the namespace's own budget, on each database. */
@Import({BudgetRepository.class, LedgerRepository.class, SpendChanges.class})
abstract class BudgetRepositoryScenarios {

    private static final YearMonth NOVEMBER = YearMonth.of(2026, 11);

    @Autowired
    BudgetRepository budgets;

    @Autowired
    LedgerRepository ledger;

    @Autowired
    JdbcClient write;

    @BeforeEach
    void emptyTables() {
        EmptyTables.empty(write);
    }

    @Test
    void aMissReadsTheMonthsSpendOfItsNamespaceAcrossModelsAndTypesAndNoBudgetWhenNoneWasSet() {
        ledger.recordWrite(new LedgerKey("ns", NOVEMBER, "openai", "gpt-4o", "refactor"), 1_000, 10);
        ledger.recordWrite(new LedgerKey("ns", NOVEMBER, "xai", "grok-beta", "docs"), 2_500, 10);
        ledger.recordWrite(new LedgerKey("ns", NOVEMBER.minusMonths(1), "xai", "grok-beta", "docs"), 70_000, 10);
        ledger.recordWrite(new LedgerKey("other", NOVEMBER, "xai", "grok-beta", "docs"), 90_000, 10);

        BudgetRepository.MonthSpend spend = budgets.monthSpend("ns", NOVEMBER);

        assertThat(spend.spentNanos()).isEqualTo(3_500);
        assertThat(spend.settings()).isNull();
        assertThat(spend).isEqualTo(new BudgetRepository.MonthSpend(budgets.month("ns", NOVEMBER).spentNanos(), null));
    }

    @Test
    void aMissReadsTheBudgetSetForItsNamespaceAndNothingSpentInAnEmptyMonth() {
        budgets.save("ns", new BudgetSettings(4_000_000_000L, 0.5, 0.8), Instant.parse("2026-11-02T00:00:00Z"));
        budgets.save("other", new BudgetSettings(9_000_000_000L, 0.6, 0.9), Instant.parse("2026-11-02T00:00:00Z"));

        assertThat(budgets.monthSpend("ns", NOVEMBER))
                .isEqualTo(new BudgetRepository.MonthSpend(0, new BudgetSettings(4_000_000_000L, 0.5, 0.8)));
        assertThat(budgets.monthSpend("nobody", NOVEMBER)).isEqualTo(new BudgetRepository.MonthSpend(0, null));
    }
}
