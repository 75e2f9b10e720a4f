package dev.llmcache.lookup.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcache.support.ApiClient;
import dev.llmcache.support.IntegrationTestSupport;
import dev.llmcache.support.SqliteIntegrationTest;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A plain GET of an entry (answered by {@link PlainGetHandler}) and the same GET with an Accept header
 * that sends it through Spring MVC's ordinary mapping get the same answer: status, headers and body.
 */
@SqliteIntegrationTest
class PlainGetSqliteIntegrationTests extends IntegrationTestSupport {

    /** Means what no Accept header means, but is not plain: Spring MVC negotiates it. */
    private static final String NEGOTIATED = "*/*;q=0.8";

    @Test
    void aHitIsAnsweredAlikeByBothPaths() {
        ApiClient.Response stored = api.post("/api/v1/entries", entry("plain hit " + namespace));
        String path = "/api/v1/entries/" + stored.json().get("cacheKey").asString();

        ApiClient.Response plain = api.get(path);
        ApiClient.Response negotiated = api.get(path, "Accept", NEGOTIATED);

        assertThat(plain.status()).isEqualTo(200);
        assertThat(plain.json().get("accessCount").asLong()).isEqualTo(1);
        assertThat(negotiated.json().get("accessCount").asLong()).isEqualTo(2);
        // the one difference: the second is the entry's second access
        assertAlike(plain, new ApiClient.Response(negotiated.status(), negotiated.headers(),
                negotiated.body().replace("\"accessCount\":2", "\"accessCount\":1")));
    }

    @Test
    void aMissIsAnsweredAlikeByBothPaths() {
        String path = "/api/v1/entries/" + "c".repeat(64);

        ApiClient.Response plain = api.get(path);

        assertThat(plain.status()).isEqualTo(404);
        assertThat(plain.json().get("instance").asString()).isEqualTo(path);
        assertAlike(plain, api.get(path, "Accept", NEGOTIATED));
    }

    @Test
    void aNamespaceThatIsNoNameIsA400OnThePlainPathToo() {
        ApiClient badNamespace = new ApiClient(port).inNamespace("No Name");
        ApiClient.Response plain = badNamespace.get("/api/v1/entries/" + "c".repeat(64));

        assertThat(plain.status()).isEqualTo(400);
        assertThat(plain.header("Content-Type")).startsWith("application/problem+json");
        assertAlike(plain, badNamespace.get("/api/v1/entries/" + "c".repeat(64), "Accept", NEGOTIATED));
    }

    private static void assertAlike(ApiClient.Response plain, ApiClient.Response negotiated) {
        assertThat(plain.status()).isEqualTo(negotiated.status());
        assertThat(plain.body()).isEqualTo(negotiated.body());
        assertThat(withoutDate(plain.headers())).isEqualTo(withoutDate(negotiated.headers()));
    }

    private static Map<String, Object> withoutDate(Map<String, ? extends Object> headers) {
        Map<String, Object> kept = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> {
            if (name != null && !name.equalsIgnoreCase("date")) {
                kept.put(name, values);
            }
        });
        return kept;
    }
}
