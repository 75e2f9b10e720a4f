package dev.llmcache.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.llmcache.support.ApiClient;
import dev.llmcache.support.IntegrationTestSupport;
import dev.llmcache.support.PostgresAvailable;
import dev.llmcache.support.PostgresTestDatabase;
import dev.llmcache.support.TcpProxy;
import dev.llmcache.support.TestClockConfiguration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.support.TestPropertySourceUtils;

/**
 * Database failures on a real PostgreSQL, each mapped to the contract's status: a write the
 * database refuses for lack of resources (SQLSTATE class 53, here 53400: the server reaches it
 * through {@code temp_file_limit=0}) is a 507, and a database that cannot be reached (the server
 * talks to PostgreSQL through a {@link TcpProxy} the test cuts: its port then refuses) is a 503:
 * at once on a pooled connection the cut broke, and once none is left after the pools' 10 s
 * connection timeout. The default connection timeout is kept.
 */
@ExtendWith({PostgresAvailable.class, OutputCaptureExtension.class})
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "cache.metrics.refresh-interval=PT0.5S")
@ContextConfiguration(initializers = PostgresFailureIntegrationTests.ThroughProxy.class)
@Import(TestClockConfiguration.class)
@DirtiesContext
class PostgresFailureIntegrationTests extends IntegrationTestSupport {

    private static final Pattern HOST_AND_PORT = Pattern.compile("^jdbc:postgresql://([^/:?]+)(?::(\\d+))?/");

    @Autowired
    JdbcClient jdbc;

    /** Left open after the tests: the context, closed after them, flushes its lookups through it. */
    static volatile TcpProxy proxy;

    @Test
    void writeTheDatabaseRefusesForLackOfResourcesIsA507AndChangesNothing(CapturedOutput output) {
        // Incompressible results of about 1.2 KB each: deleting 200 of them in one statement fills the
        // delete trigger's transition table past work_mem, so PostgreSQL needs a temporary file.
        Random random = new Random(14);
        String key = null;
        for (int i = 0; i < 200; i++) {
            Map<String, Object> entry = entry("row " + i);
            entry.put("result", Map.of("noise", noise(random, 1200)));
            ApiClient.Response stored = api.post("/api/v1/entries", entry);
            assertThat(stored.status()).isEqualTo(201);
            key = stored.json().get("cacheKey").asString();
        }

        ApiClient.Response refused = api.delete("/api/v1/entries?all=true");

        assertThat(refused.status()).as(refused.body()).isEqualTo(507);
        assertThat(refused.json().get("type").asString()).isEqualTo("/problems/insufficient-storage");
        assertThat(refused.json().get("status").asInt()).isEqualTo(507);
        assertThat(output.getAll()).contains("temp_file_limit");
        assertThat(api.get("/api/v1/stats").json().get("totalEntries").asLong()).isEqualTo(200);
        assertThat(api.get("/api/v1/entries/" + key).status()).isEqualTo(200);
        // Not through the listing: with no temporary file allowed, its sort of 200 rows is refused too.
        assertThat(jdbc.sql("SELECT count(*) FROM entries e JOIN names n ON n.id = e.namespace_id WHERE n.name = :namespace")
                .param("namespace", namespace).query(Long.class).single()).isEqualTo(200);
    }

    @Test
    void unreachableDatabaseIsA503AfterTenSecondsAndHealthIsDownWhileGaugesKeepTheirValues(CapturedOutput output) {
        String key = api.post("/api/v1/entries", entry("before the outage")).json().get("cacheKey").asString();
        String gauge = "llmcache_entries{cache_type=\"refactor\",namespace=\"" + namespace + "\"} 1.0";
        await().atMost(Duration.ofSeconds(30)).until(() -> prometheus().contains(gauge));

        proxy.cut();
        try {
            // A pooled connection the cut has broken fails at once; once none is left, a store waits for
            // the pool's connection timeout (10 s) while the refused port is tried again and again.
            List<Duration> waits = new ArrayList<>();
            ApiClient.Response store;
            do {
                long start = System.nanoTime();
                store = api.post("/api/v1/entries", entry("during the outage"));
                waits.add(Duration.ofNanos(System.nanoTime() - start));
                assertThat(store.status()).as(store.body()).isEqualTo(503);
                assertThat(store.json().get("type").asString()).isEqualTo("/problems/database-unavailable");
                assertThat(store.header("Retry-After")).isNotBlank();
            } while (waits.get(waits.size() - 1).compareTo(Duration.ofMillis(9_500)) < 0 && waits.size() < 30);
            assertThat(waits.get(waits.size() - 1)).as("waits: %s", waits).isBetween(Duration.ofMillis(9_500), Duration.ofSeconds(40));
            ApiClient.Response read = api.get("/api/v1/entries/" + key);
            assertThat(read.status()).as(read.body()).isEqualTo(503);

            ApiClient.Response health = api.get("/actuator/health");
            assertThat(health.status()).isEqualTo(503);
            assertThat(health.json().get("status").asString()).isEqualTo("DOWN");

            // The gauges are refreshed every 0.5 s: once a refresh has failed, they still show the last figures.
            await().atMost(Duration.ofSeconds(40)).until(() -> output.getAll().contains("Could not read the figures for the metrics"));
            assertThat(prometheus()).contains(gauge);
        } finally {
            proxy.open();
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/v1/entries/" + key).status() == 200);
        assertThat(api.get("/actuator/health").json().get("status").asString()).isEqualTo("UP");
        assertThat(api.post("/api/v1/entries", entry("after the outage")).status()).isEqualTo(201);
    }

    private String prometheus() {
        return new ApiClient(port).get("/actuator/prometheus", "Accept", "text/plain;version=0.0.4").body();
    }

    private static String noise(Random random, int length) {
        StringBuilder text = new StringBuilder(length);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    /**
     * The schema of its own from {@link PostgresTestDatabase}, reached through a {@link TcpProxy},
     * with work_mem at its minimum and no temporary files allowed (settings of these connections only).
     */
    static class ThroughProxy extends PostgresTestDatabase {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            super.initialize(context);
            String url = context.getEnvironment().getRequiredProperty("spring.datasource.url");
            Matcher target = HOST_AND_PORT.matcher(url);
            if (!target.find()) {
                throw new IllegalStateException("cannot read host and port of " + PostgresTestDatabase.URL_VARIABLE);
            }
            proxy = new TcpProxy(target.group(1), target.group(2) == null ? 5432 : Integer.parseInt(target.group(2)));
            String proxied = "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + url.substring(target.end())
                    + "&options=-c%20temp_file_limit%3D0%20-c%20work_mem%3D64kB";
            List<String> properties = new ArrayList<>(List.of("spring.datasource.url=" + proxied));
            TestPropertySourceUtils.addInlinedPropertiesToEnvironment(context, properties.toArray(String[]::new));
        }
    }
}
