package dev.llmcache.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.FileSystemResource;

/** Reloads from files read again, as an operator edits them, on an environment built as Spring Boot builds it. */
class PricingReloaderTests {

    private static final String GOOD = """
            cache:
              pricing:
                models:
                  - {provider: acme, model-pattern: "m", input-per-million: 2, output-per-million: 8, cached-input-per-million: 0.5, as-of: 2026-10-01}
                  - {provider: "*", model-pattern: "*", input-per-million: 5, output-per-million: 15}
            """;

    @TempDir
    Path dir;

    private Path file;
    private StandardEnvironment environment;
    private ValidatorFactory validation;
    private PricingTable table;
    private PricingReloader reloader;

    @BeforeEach
    void startFromAFile() throws IOException {
        file = dir.resolve("pricing.yml");
        Files.writeString(file, GOOD);
        environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("commandLineArgs", Map.of("unrelated", "x")));
        new YamlPropertySourceLoader().load("Config resource 'file [" + file + "]' via location 'optional:file:" + file + "'",
                new FileSystemResource(file)).forEach(environment.getPropertySources()::addLast);
        validation = Validation.buildDefaultValidatorFactory();
        reloader = new PricingReloader(environment, validation.getValidator(), null);
        table = new PricingTable(reloader.load());
        reloader = new PricingReloader(environment, validation.getValidator(), table);
    }

    @AfterEach
    void closeValidation() {
        validation.close();
    }

    @Test
    void anEditedFileIsInForceAfterAReload() throws IOException {
        assertThat(table.priceOf("acme", "m").inputPerMillion()).isEqualByComparingTo("2");
        Files.writeString(file, GOOD.replace("input-per-million: 2,", "input-per-million: 2.25,"));
        List<PricingProperties.Row> rows = reloader.reload("ops");
        assertThat(rows).hasSize(2);
        assertThat(table.priceOf("acme", "m").inputPerMillion()).isEqualByComparingTo("2.25");
        assertThat(table.priceOf("acme", "m").cachedInputPerMillion()).isEqualByComparingTo("0.5");
        assertThat(table.priceOf("acme", "m").asOf()).hasToString("2026-10-01");
    }

    @Test
    void anInvalidRowIsRefusedNamingItAndTheTableInForceStays() throws IOException {
        Files.writeString(file, GOOD.replace("output-per-million: 15}", "output-per-million: -1}"));
        assertThatThrownBy(() -> reloader.reload("ops")).isInstanceOfSatisfying(InvalidPricingTableException.class, e -> {
            assertThat(e.errors()).extracting(InvalidField::field).containsExactly("models[1].outputPerMillion");
            assertThat(e.getStatusCode().value()).isEqualTo(400);
            assertThat(e.getMessage()).contains("models[1].outputPerMillion").contains("table in force stays");
        });
        assertThat(table.priceOf("x", "y").outputPerMillion()).isEqualByComparingTo("15");
    }

    @Test
    void aPriceThatIsNotANumberIsRefusedNamingTheRow() throws IOException {
        Files.writeString(file, GOOD.replace("input-per-million: 2,", "input-per-million: cheap,"));
        assertThatThrownBy(() -> reloader.reload("ops")).isInstanceOfSatisfying(InvalidPricingTableException.class,
                e -> assertThat(e.errors()).extracting(InvalidField::field).containsExactly("models[0].inputPerMillion"));
        assertThat(table.priceOf("acme", "m").inputPerMillion()).isEqualByComparingTo("2");
    }

    @Test
    void missingFallbackTooManyRowsAndAbsurdPricesAreRefused() throws IOException {
        Files.writeString(file, GOOD.replace("provider: \"*\", model-pattern: \"*\"", "provider: other, model-pattern: \"*\""));
        assertThatThrownBy(() -> reloader.reload("ops")).isInstanceOfSatisfying(InvalidPricingTableException.class,
                e -> assertThat(e.errors()).extracting(InvalidField::field).containsExactly("models"));
        Files.writeString(file, GOOD.replace("input-per-million: 5,", "input-per-million: 1000.01,"));
        assertThatThrownBy(() -> reloader.reload("ops")).isInstanceOfSatisfying(InvalidPricingTableException.class,
                e -> assertThat(e.errors()).extracting(InvalidField::field).containsExactly("models[1].inputPerMillion"));
        Files.writeString(file, "cache:\n  other: 1\n");
        assertThatThrownBy(() -> reloader.reload("ops")).isInstanceOfSatisfying(InvalidPricingTableException.class,
                e -> assertThat(e.errors()).extracting(InvalidField::field).containsExactly("models"));
        assertThat(table.rows()).hasSize(2);
    }

    @Test
    void aFileThatCannotBeParsedOrReadIsRefusedNamingIt() throws IOException {
        Files.writeString(file, "cache:\n  pricing: [unclosed\n");
        assertThatThrownBy(() -> reloader.reload("ops")).isInstanceOfSatisfying(InvalidPricingTableException.class,
                e -> assertThat(e.errors().get(0).field()).contains(file.getFileName().toString()));
        Files.delete(file);
        assertThatThrownBy(() -> reloader.reload("ops")).isInstanceOfSatisfying(InvalidPricingTableException.class,
                e -> assertThat(e.errors().get(0).field()).contains(file.getFileName().toString()));
        assertThat(table.priceOf("acme", "m").inputPerMillion()).isEqualByComparingTo("2");
    }

    @Test
    void sourcesThatAreNotFilesKeepTheirValues() throws IOException {
        environment.getPropertySources().addFirst(new MapPropertySource("override", Map.of(
                "cache.pricing.models[0].provider", "*", "cache.pricing.models[0].model-pattern", "*",
                "cache.pricing.models[0].input-per-million", "7", "cache.pricing.models[0].output-per-million", "9")));
        assertThat(reloader.reload("ops")).hasSize(1);
        assertThat(table.priceOf("acme", "m").inputPerMillion()).isEqualByComparingTo("7");
    }

    @Test
    void fieldNamesFollowTheApi() {
        assertThat(PricingReloader.field("cache.pricing.models[3].input-per-million")).isEqualTo("models[3].inputPerMillion");
        assertThat(PricingReloader.field("cache.pricing.models[0].cache-write-per-million")).isEqualTo("models[0].cacheWritePerMillion");
    }
}
