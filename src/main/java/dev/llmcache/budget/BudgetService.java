package dev.llmcache.budget;

import dev.llmcache.ledger.UnflushedLookups;
import dev.llmcache.pricing.Money;
import dev.llmcache.pricing.PricingProperties;
import dev.llmcache.pricing.PricingTable;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Service;

/**
 * A namespace's budget: its settings, this UTC month's spend from the ledger, and the status,
 * projection and history derived from them. The month comes from the clock at each call, so it
 * rolls over at midnight UTC on the first without anything to reset.
 */
@Service
public class BudgetService {

    /** The header every miss answer carries: the namespace's budget level. */
    public static final String STATUS_HEADER = "Cache-Budget-Status";

    private static final Duration MIN_ELAPSED_FOR_PROJECTION = Duration.ofDays(1);

    private final BudgetRepository repository;
    private final MonthSpends spends;
    private final BudgetProperties defaults;
    private final PricingTable pricing;
    private final UnflushedLookups tracker;
    private final Clock clock;

    BudgetService(BudgetRepository repository, MonthSpends spends, BudgetProperties defaults, PricingTable pricing,
            UnflushedLookups tracker, Clock clock) {
        this.repository = repository;
        this.spends = spends;
        this.defaults = defaults;
        this.pricing = pricing;
        this.tracker = tracker;
        this.clock = clock;
    }

    public BudgetStatus status(String namespace) {
        Instant now = clock.instant();
        YearMonth month = YearMonth.from(now.atZone(ZoneOffset.UTC));
        MonthTotals totals = tracker.readWithPending(namespace,
                pending -> repository.month(namespace, month).plus(pending.inMonth(month)));
        return status(namespace, settings(namespace), totals, now);
    }

    /**
     * The budget level a miss answer reports; with {@code cache.budget.enforce} and a lease asked for
     * in an EXCEEDED namespace, throws instead, so that no lease is granted.
     *
     * @throws BudgetExceededException when the lease must be refused
     */
    public BudgetLevel levelForMiss(String namespace, boolean leaseAsked) {
        // every miss asks: a copy kept between misses, the full status (nine more sums, the projection) only for a refusal
        Instant now = clock.instant();
        BudgetRepository.MonthSpend spend = spends.of(namespace, YearMonth.from(now.atZone(ZoneOffset.UTC)), now);
        BudgetLevel level = BudgetLevel.of(spend.spentNanos(), spend.settings() != null ? spend.settings() : defaults.settings());
        if (leaseAsked && defaults.enforce() && level == BudgetLevel.EXCEEDED) {
            throw new BudgetExceededException(status(namespace));
        }
        return level;
    }

    /** Changes a namespace's budget; thresholds left out keep their current values. */
    public BudgetStatus update(String namespace, BigDecimal monthlyUsd, Double warning, Double alert) {
        BudgetSettings current = settings(namespace);
        BudgetSettings changed = new BudgetSettings(Money.nanos(monthlyUsd),
                warning != null ? warning : current.warningThreshold(), alert != null ? alert : current.alertThreshold());
        if (!BudgetSettings.thresholdsValid(changed.warningThreshold(), changed.alertThreshold())) {
            throw new InvalidBudgetException("warningThreshold and alertThreshold must satisfy 0 < warning < alert <= 1 (they would be "
                    + changed.warningThreshold() + " and " + changed.alertThreshold() + ")");
        }
        repository.save(namespace, changed, clock.instant());
        spends.budgetChanged();
        return status(namespace);
    }

    /** Months with activity among the last {@code months} (this one included), newest first. */
    public List<MonthActivity> history(String namespace, int months) {
        YearMonth now = YearMonth.from(clock.instant().atZone(ZoneOffset.UTC));
        YearMonth from = now.minusMonths(months - 1L);
        return tracker.readWithPending(namespace, pending -> {
            Map<YearMonth, MonthTotals> byMonth = new TreeMap<>(Comparator.reverseOrder());
            repository.history(namespace, from).forEach(t -> byMonth.put(t.month(), t));
            pending.byMonth().forEach((month, counts) -> {
                if (!month.isBefore(from)) {
                    byMonth.put(month, byMonth.getOrDefault(month, MonthTotals.empty(month)).plus(counts));
                }
            });
            List<MonthActivity> history = new ArrayList<>();
            byMonth.values().forEach(t -> history.add(new MonthActivity(t.month().toString(), Money.usd(t.spentNanos()),
                    t.tokens(), t.writes(), t.hits(), t.misses(), Money.usd(t.savedNanos()), t.cachedInputTokens(),
                    t.cacheWriteTokens(), Money.usd(t.promptCacheSavedNanos()))));
            return history;
        });
    }

    BudgetSettings settings(String namespace) {
        return repository.find(namespace).orElseGet(defaults::settings);
    }

    BudgetStatus status(String namespace, BudgetSettings settings, MonthTotals totals, Instant now) {
        long spent = totals.spentNanos();
        long budget = settings.monthlyNanos();
        BudgetLevel level = BudgetLevel.of(spent, settings);
        BigDecimal percent = BigDecimal.valueOf(spent).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(budget), MathContext.DECIMAL64);
        String message = "%s: %s / %s (%s%%)".formatted(level.label(), Money.format(spent), Money.format(budget),
                percent.setScale(1, RoundingMode.HALF_UP).toPlainString());
        long remaining = Math.max(0, budget - spent);
        return new BudgetStatus(namespace, totals.month().toString(), Money.usd(budget), settings.warningThreshold(),
                settings.alertThreshold(), Money.usd(spent), percent.doubleValue(), level, level.emoji(), message,
                Money.usd(remaining), tokensFor(remaining), Money.usd(totals.savedNanos()),
                Money.usd(totals.duplicateNanos()),
                projected(spent, totals.month(), now));
    }

    /** Tokens {@code nanos} buy at the mean of the fallback row's input and output price. */
    private long tokensFor(long nanos) {
        PricingProperties.Row price = pricing.fallbackPrice();
        BigDecimal nanosPerToken = price.inputPerMillion().add(price.outputPerMillion())
                .multiply(BigDecimal.valueOf(1000)).divide(BigDecimal.valueOf(2));
        if (nanosPerToken.signum() == 0) {
            return Long.MAX_VALUE;
        }
        return BigDecimal.valueOf(nanos).divide(nanosPerToken, 0, RoundingMode.FLOOR).longValueExact();
    }

    /** In dollars, as a BigDecimal: extrapolating a large spend from the first day of a month must not overflow. */
    private static BigDecimal projected(long spentNanos, YearMonth month, Instant now) {
        Instant start = month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        long elapsed = Math.max(Duration.between(start, now).toMillis(), MIN_ELAPSED_FOR_PROJECTION.toMillis());
        long length = Duration.between(start, end).toMillis();
        BigDecimal nanos = BigDecimal.valueOf(spentNanos).multiply(BigDecimal.valueOf(length))
                .divide(BigDecimal.valueOf(elapsed), 0, RoundingMode.HALF_UP);
        BigDecimal usd = nanos.movePointLeft(9).stripTrailingZeros();
        return usd.scale() < 0 ? usd.setScale(0) : usd;
    }
}
