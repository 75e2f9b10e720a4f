package dev.llmcache.budget;

import dev.llmcache.ledger.Savings;
import dev.llmcache.storage.ReadOnly;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Budgets changed through the API, and the ledger summed per month. */
@Repository
class BudgetRepository {

    private static final RowMapper<BudgetSettings> SETTINGS = (rs, n) -> new BudgetSettings(
            rs.getLong("monthly_nanos"), rs.getDouble("warning_threshold"), rs.getDouble("alert_threshold"));

    private static final RowMapper<MonthTotals> TOTALS = (rs, n) -> new MonthTotals(YearMonth.parse(rs.getString("month")),
            rs.getLong("spent"), rs.getLong("tokens"), rs.getLong("writes"), rs.getLong("hits"), rs.getLong("misses"),
            Savings.fromParts(rs.getLong("saved_usd"), rs.getLong("saved_rest")), rs.getLong("cached_input_tokens"), rs.getLong("cache_write_tokens"),
            rs.getLong("prompt_cache_saved"), rs.getLong("duplicate"));

    /**
     * The month's spend (and so its duplicate spend and prompt-cache savings) is bounded by the spend ceiling;
     * its savings are not, only each row's: they are added up in parts that cannot overflow, several rows at
     * the ceiling included (SQLite's sum would fail, PostgreSQL's would not fit a long), and stop at the ceiling.
     */
    private static final String SUMS = """
            SELECT month, sum(spent_nanos) AS spent, sum(tokens) AS tokens, sum(writes) AS writes, sum(hits) AS hits,
                sum(misses) AS misses, %s, sum(cached_input_tokens) AS cached_input_tokens,
                sum(cache_write_tokens) AS cache_write_tokens, sum(prompt_cache_saved_nanos) AS prompt_cache_saved,
                sum(duplicate_nanos) AS duplicate
            FROM ledger
            """.formatted(Savings.partsSql("saved_nanos", "saved"));

    private final JdbcClient write;
    private final JdbcClient read;

    BudgetRepository(JdbcClient write, @ReadOnly JdbcClient read) {
        this.write = write;
        this.read = read;
    }

    Optional<BudgetSettings> find(String namespace) {
        return read.sql("SELECT monthly_nanos, warning_threshold, alert_threshold FROM budgets WHERE namespace = :namespace")
                .param("namespace", namespace).query(SETTINGS).optional();
    }

    void save(String namespace, BudgetSettings settings, Instant at) {
        write.sql("""
                INSERT INTO budgets (namespace, monthly_nanos, warning_threshold, alert_threshold, updated_at)
                VALUES (:namespace, :monthly, :warning, :alert, :at)
                ON CONFLICT (namespace) DO UPDATE SET monthly_nanos = excluded.monthly_nanos,
                    warning_threshold = excluded.warning_threshold, alert_threshold = excluded.alert_threshold,
                    updated_at = excluded.updated_at
                """).param("namespace", namespace).param("monthly", settings.monthlyNanos())
                .param("warning", settings.warningThreshold()).param("alert", settings.alertThreshold())
                .param("at", at.toEpochMilli()).update();
    }

    /** The month's spend and the namespace's own budget (null when it has none): what a miss's level needs. */
    record MonthSpend(long spentNanos, BudgetSettings settings) {
    }

    private static final RowMapper<MonthSpend> SPEND = (rs, n) -> {
        long spent = rs.getLong("spent");
        long monthly = rs.getLong("monthly_nanos");
        return new MonthSpend(spent, rs.wasNull() ? null
                : new BudgetSettings(monthly, rs.getDouble("warning_threshold"), rs.getDouble("alert_threshold")));
    };

    /**
     * One read for every miss: the spend alone (not the month's other nine sums) and the budget beside it.
     * The spend is bounded by the spend ceiling, so its sum fits a long.
     */
    MonthSpend monthSpend(String namespace, YearMonth month) {
        return read.sql("""
                SELECT (SELECT coalesce(sum(spent_nanos), 0) FROM ledger WHERE namespace = :namespace AND month = :month) AS spent,
                    b.monthly_nanos, b.warning_threshold, b.alert_threshold
                FROM (SELECT 1 AS one) AS o LEFT JOIN budgets AS b ON b.namespace = :namespace
                """).param("namespace", namespace).param("month", month.toString()).query(SPEND).single();
    }

    MonthTotals month(String namespace, YearMonth month) {
        return read.sql(SUMS + " WHERE namespace = :namespace AND month = :month GROUP BY month")
                .param("namespace", namespace).param("month", month.toString())
                .query(TOTALS).optional().orElse(MonthTotals.empty(month));
    }

    /** Months from {@code from} on that have ledger rows, newest first. */
    List<MonthTotals> history(String namespace, YearMonth from) {
        return read.sql(SUMS + " WHERE namespace = :namespace AND month >= :from GROUP BY month ORDER BY month DESC")
                .param("namespace", namespace).param("from", from.toString())
                .query(TOTALS).list();
    }
}
