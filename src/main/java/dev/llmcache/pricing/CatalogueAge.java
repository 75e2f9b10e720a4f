package dev.llmcache.pricing;

import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Warns once at start-up when the price catalogue is more than six months old: list prices change,
 * and spend, savings and the budget are only as true as the prices behind them.
 */
@Component
class CatalogueAge {

    static final Period MAX_AGE = Period.ofMonths(6);

    private static final Logger log = LoggerFactory.getLogger(CatalogueAge.class);

    private final PricingTable table;
    private final Clock clock;

    CatalogueAge(PricingTable table, Clock clock) {
        this.table = table;
        this.clock = clock;
    }

    /** The catalogue's date: the newest {@code asOf} among the rows, when any row has one. */
    static Optional<LocalDate> catalogueDate(List<PricingProperties.Row> rows) {
        return rows.stream().map(PricingProperties.Row::asOf).filter(Objects::nonNull).max(LocalDate::compareTo);
    }

    @EventListener(ApplicationReadyEvent.class)
    void warnIfStale() {
        staleSince().ifPresent(date -> log.warn("The pricing catalogue is dated {}, more than {} months before today ({}): "
                        + "list prices may have changed. Check them (GET /api/v1/pricing), update config/pricing.yml or your own "
                        + "pricing file, then POST /api/v1/admin/pricing/reload; see docs/pricing.md.",
                date, MAX_AGE.getMonths(), LocalDate.now(clock)));
    }

    /** The catalogue's date when it is more than {@link #MAX_AGE} before the clock's today. */
    Optional<LocalDate> staleSince() {
        LocalDate today = LocalDate.now(clock);
        return catalogueDate(table.rows()).filter(date -> date.plus(MAX_AGE).isBefore(today));
    }
}
