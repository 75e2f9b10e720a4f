package dev.llmcache.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcache.support.ApiClient;
import dev.llmcache.support.IntegrationTestSupport;
import dev.llmcache.support.SqliteIntegrationTest;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * A client that invents 1,000 namespaces and 1,000 cache types cannot grow the exposition past the
 * default caps (100 namespaces, 50 cache types), counters and gauges alike. A context of its own:
 * the caps it fills would rename other tests' namespaces.
 */
@SqliteIntegrationTest
@TestPropertySource(properties = "cache.metrics.refresh-interval=PT1H")
class LabelCapsIntegrationTests extends IntegrationTestSupport {

    private static final Pattern NAMESPACE = Pattern.compile("namespace=\"([^\"]*)\"");
    private static final Pattern CACHE_TYPE = Pattern.compile("cache_type=\"([^\"]*)\"");

    @Autowired
    StoredStateGauges gauges;

    @Test
    void athousandNamespacesAndCacheTypesShowAsAtMostTheCapsPlusOther() {
        // One client for the 2,000 requests: a client per namespace would start 1,000 HTTP clients,
        // each with its own selector thread and connections (a scrape after them once timed out in CI).
        ApiClient client = new ApiClient(port);
        for (int i = 0; i < 1_000; i++) {
            String namespace = String.format("cap-ns-%04d", i);
            Map<String, Object> entry = entry("fn f" + i + "() {}");
            entry.put("cacheType", String.format("cap-type-%04d", i));
            assertThat(client.post("/api/v1/entries", entry, "X-Cache-Namespace", namespace).status()).isEqualTo(201);
            assertThat(client.post("/api/v1/lookup", Map.of("cacheType", entry.get("cacheType"), "model", "grok-beta",
                    "content", entry.get("content")), "X-Cache-Namespace", namespace).status()).isEqualTo(200);
        }
        gauges.refresh();

        String exposition = client.get("/actuator/prometheus").body();
        Set<String> namespaces = values(exposition, NAMESPACE);
        Set<String> cacheTypes = values(exposition, CACHE_TYPE);
        assertThat(namespaces).as(exposition.lines().filter(l -> l.contains("cap-ns-0500")).toList().toString()).hasSizeLessThanOrEqualTo(101).contains("other", "cap-ns-0000");
        assertThat(cacheTypes).hasSizeLessThanOrEqualTo(51).contains("other", "cap-type-0000");
        assertThat(exposition).contains("llmcache_lookups_total{cache_type=\"other\",namespace=\"other\",result=\"hit\"}")
                .contains("llmcache_entries{cache_type=\"other\",namespace=\"other\"}");
    }

    private static Set<String> values(String exposition, Pattern label) {
        Set<String> values = new TreeSet<>();
        exposition.lines().filter(line -> line.startsWith("llmcache_")).forEach(line -> {
            Matcher matcher = label.matcher(line);
            while (matcher.find()) {
                values.add(matcher.group(1));
            }
        });
        return values;
    }
}
