package dev.llmcache.metrics;

import dev.llmcache.budget.BudgetService;
import dev.llmcache.budget.BudgetStatus;
import dev.llmcache.stats.StatsReport;
import dev.llmcache.stats.StatsService;
import dev.llmcache.support.ThrottledLog;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * The gauges of what the database holds (entries, bytes, hit ratio, budget), read every
 * {@code cache.metrics.refresh-interval} through the same services as {@code /stats} and
 * {@code /budget}: a few small queries on the maintained aggregates per namespace, never a scan,
 * whatever the scrape rate. Reading the database (not this server's memory) makes every replica
 * report the namespaces and figures of all of them; the budget month comes from the clock at each
 * refresh, so the budget gauges roll over on the first of the month by themselves.
 */
@Component
class StoredStateGauges implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(StoredStateGauges.class);
    private static final Duration WARNING_PERIOD = Duration.ofMinutes(5);

    private final MetricsRepository repository;
    private final StatsService stats;
    private final BudgetService budgets;
    private final TaskScheduler scheduler;
    private final Duration interval;
    private final LabelCaps caps;

    private final GaugeFamily entries;
    private final GaugeFamily storedBytes;
    private final GaugeFamily resultBytes;
    private final GaugeFamily hitRatio;
    private final GaugeFamily budget;
    private final GaugeFamily budgetSpent;
    private final GaugeFamily budgetUsedRatio;

    private volatile ScheduledFuture<?> schedule;
    /** One warning per {@link #WARNING_PERIOD} of an outage, not one per refresh. */
    private final ThrottledLog failures = new ThrottledLog(log, WARNING_PERIOD);

    StoredStateGauges(MetricsRepository repository, StatsService stats, BudgetService budgets, TaskScheduler scheduler,
            MetricsProperties properties, MeterRegistry registry, LabelCaps caps) {
        this.caps = caps;
        this.repository = repository;
        this.stats = stats;
        this.budgets = budgets;
        this.scheduler = scheduler;
        this.interval = properties.refreshInterval();
        entries = new GaugeFamily(registry, MetricNames.ENTRIES, "Entries stored, by namespace and cache type");
        storedBytes = new GaugeFamily(registry, MetricNames.STORED_BYTES,
                "Bytes of the stored (zstd-compressed) results, by namespace");
        resultBytes = new GaugeFamily(registry, MetricNames.RESULT_BYTES,
                "Bytes of the stored results as uncompressed JSON, by namespace");
        hitRatio = new GaugeFamily(registry, MetricNames.HIT_RATIO,
                "Hits over all lookups since the namespace began (0 before any lookup), as in /api/v1/stats");
        budget = new GaugeFamily(registry, MetricNames.BUDGET, "Monthly budget in US dollars, by namespace");
        budgetSpent = new GaugeFamily(registry, MetricNames.BUDGET_SPENT,
                "US dollars spent in the current UTC month, including entries since evicted or deleted, by namespace");
        budgetUsedRatio = new GaugeFamily(registry, MetricNames.BUDGET_USED_RATIO,
                "Share of the monthly budget spent in the current UTC month (1 = all of it), by namespace");
    }

    /**
     * Reads every namespace's figures again; on a database failure the gauges keep their last values.
     * Namespaces and cache types past their caps ({@link LabelCaps}) are added up under other; the
     * ratios of other are those of the sums.
     */
    synchronized void refresh() {
        Map<Tags, Double> entryRows = new HashMap<>();
        Map<Tags, Double> stored = new HashMap<>();
        Map<Tags, Double> result = new HashMap<>();
        Map<Tags, double[]> lookups = new HashMap<>();
        Map<Tags, BigDecimal> monthly = new HashMap<>();
        Map<Tags, BigDecimal> spent = new HashMap<>();
        try {
            for (String namespace : repository.namespaces()) {
                Tags tags = Tags.of(MetricNames.NAMESPACE, caps.namespace(namespace));
                StatsReport report = stats.report(namespace);
                report.byType().forEach(type -> entryRows.merge(
                        tags.and(MetricNames.CACHE_TYPE, caps.cacheType(type.cacheType())), (double) type.entries(), Double::sum));
                stored.merge(tags, (double) report.totalStoredBytes(), Double::sum);
                result.merge(tags, (double) report.totalResultBytes(), Double::sum);
                double[] counts = lookups.computeIfAbsent(tags, t -> new double[2]);
                counts[0] += report.hits();
                counts[1] += report.misses();
                BudgetStatus status = budgets.status(namespace);
                monthly.merge(tags, status.monthlyBudgetUsd(), BigDecimal::add);
                spent.merge(tags, status.spentUsd(), BigDecimal::add);
            }
        } catch (RuntimeException e) {
            failures.warn("Could not read the figures for the metrics, keeping the last ones and retrying every {}: {}",
                    interval, e.getMessage());
            return;
        }
        failures.recovered("Reading the figures for the metrics works again");
        Map<Tags, Double> ratio = new HashMap<>();
        lookups.forEach((tags, counts) -> ratio.put(tags, counts[0] + counts[1] == 0 ? 0 : counts[0] / (counts[0] + counts[1])));
        Map<Tags, Double> used = new HashMap<>();
        monthly.forEach((tags, budgetUsd) -> used.put(tags, spent.get(tags).divide(budgetUsd, MathContext.DECIMAL64).doubleValue()));
        entries.update(entryRows);
        storedBytes.update(stored);
        resultBytes.update(result);
        hitRatio.update(ratio);
        budget.update(doubles(monthly));
        budgetSpent.update(doubles(spent));
        budgetUsedRatio.update(used);
    }

    private static Map<Tags, Double> doubles(Map<Tags, BigDecimal> values) {
        Map<Tags, Double> doubles = new HashMap<>();
        values.forEach((tags, value) -> doubles.put(tags, value.doubleValue()));
        return doubles;
    }

    @Override
    public void start() {
        schedule = scheduler.scheduleWithFixedDelay(this::refresh, interval);
    }

    @Override
    public void stop() {
        ScheduledFuture<?> running = schedule;
        schedule = null;
        if (running != null) {
            running.cancel(false);
        }
    }

    @Override
    public boolean isRunning() {
        return schedule != null;
    }
}
