package dev.llmcache.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class CatalogueAgeTests {

    private static final BigDecimal ONE = BigDecimal.ONE;

    private static PricingTable table(LocalDate... dates) {
        List<PricingProperties.Row> rows = new java.util.ArrayList<>();
        for (LocalDate date : dates) {
            rows.add(new PricingProperties.Row("acme", "m-" + date, ONE, ONE, null, null, date));
        }
        rows.add(new PricingProperties.Row("*", "*", ONE, ONE));
        return new PricingTable(new PricingProperties(rows));
    }

    private static CatalogueAge at(String today, PricingTable table) {
        return new CatalogueAge(table, Clock.fixed(Instant.parse(today + "T12:00:00Z"), ZoneOffset.UTC));
    }

    @Test
    void warnsOnceWhenTheCatalogueIsMoreThanSixMonthsOld(CapturedOutput output) throws Exception {
        CatalogueAge age = at("2027-03-02", PricingTableTests.shippedTable());
        assertThat(age.staleSince()).contains(LocalDate.of(2026, 9, 1));
        age.warnIfStale();
        assertThat(output.getAll()).containsOnlyOnce("The pricing catalogue is dated 2026-09-01")
                .contains("WARN").contains("2027-03-02");
    }

    @Test
    void staysQuietUpToSixMonths(CapturedOutput output) throws Exception {
        CatalogueAge age = at("2027-03-01", PricingTableTests.shippedTable());
        assertThat(age.staleSince()).isEmpty();
        age.warnIfStale();
        assertThat(output.getAll()).doesNotContain("pricing catalogue is dated");
        assertThat(at("2026-12-02", PricingTableTests.shippedTable()).staleSince()).isEmpty();
    }

    @Test
    void theCatalogueDateIsTheNewestRowDate() {
        PricingTable table = table(LocalDate.of(2025, 1, 1), LocalDate.of(2026, 6, 30));
        // six months after 2026-06-30 is 2026-12-30
        assertThat(at("2026-12-30", table).staleSince()).isEmpty();
        assertThat(at("2026-12-31", table).staleSince()).contains(LocalDate.of(2026, 6, 30));
    }

    @Test
    void aTableWithoutDatesIsNeverStale() {
        assertThat(at("2099-01-01", table()).staleSince()).isEmpty();
    }
}
