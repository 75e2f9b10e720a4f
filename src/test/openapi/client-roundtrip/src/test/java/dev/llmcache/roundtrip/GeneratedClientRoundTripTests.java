package dev.llmcache.roundtrip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmcache.client.ApiClient;
import dev.llmcache.client.ApiException;
import dev.llmcache.client.ApiResponse;
import dev.llmcache.client.api.EntriesApi;
import dev.llmcache.client.api.LookupsApi;
import dev.llmcache.client.model.BatchLookupRequest;
import dev.llmcache.client.model.BatchLookupResponse;
import dev.llmcache.client.model.Entry;
import dev.llmcache.client.model.EntryMetadata;
import dev.llmcache.client.model.LookupRequest;
import dev.llmcache.client.model.StoreEntryRequest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What a team's client generated from openapi.yaml does against the running server: store an object
 * result, read it back by key and by lookup, in a batch, answer 304 to a current copy, delete it, and
 * meet a miss as a 404 problem. The server's address comes from -Dllmcache.url.
 */
class GeneratedClientRoundTripTests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NAMESPACE = "roundtrip";

    private final ApiClient client = client();
    private final EntriesApi entries = new EntriesApi(client);
    private final LookupsApi lookups = new LookupsApi(client);

    private static ApiClient client() {
        String url = System.getProperty("llmcache.url", "");
        if (url.isBlank()) {
            throw new IllegalStateException("Give the server's address: -Dllmcache.url=http://127.0.0.1:PORT");
        }
        ApiClient client = new ApiClient();
        client.updateBaseUri(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        String token = System.getenv("LLMCACHE_TOKEN");
        if (token != null && !token.isBlank()) {
            client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        }
        return client;
    }

    @Test
    void anObjectResultMakesTheWholeRoundTrip() throws Exception {
        String content = "fn main() { /* " + UUID.randomUUID() + " */ }";
        Map<String, Object> result = Map.of("code_smells", List.of(Map.of("line", 3, "kind", "long-method")),
                "complexity_score", 42.5, "ok", true);

        EntryMetadata stored = entries.storeEntry(new StoreEntryRequest().cacheType("refactor").filePath("src/main.rs")
                .content(content).provider("openai").model("gpt-4o").result(result)
                .inputTokens(1200L).outputTokens(300L), null, NAMESPACE);
        String key = stored.getCacheKey();
        assertNotNull(key);

        ApiResponse<Entry> hit = lookups.getEntryWithHttpInfo(key, null, null, null, NAMESPACE);
        assertEquals(200, hit.getStatusCode());
        assertEquals(JSON.valueToTree(result), JSON.valueToTree(hit.getData().getResult()));
        String etag = hit.getHeaders().get("etag").get(0);

        Entry looked = lookups.lookup(new LookupRequest().cacheType("refactor").model("gpt-4o").content(content), null, null, null, NAMESPACE);
        assertEquals(key, looked.getCacheKey());
        assertEquals(JSON.valueToTree(result), JSON.valueToTree(looked.getResult()));

        BatchLookupResponse batch = lookups.lookupBatch(new BatchLookupRequest().lookups(List.of(
                new LookupRequest().cacheType("refactor").model("gpt-4o").content(content),
                new LookupRequest().cacheType("refactor").model("gpt-4o").content("absent " + UUID.randomUUID()))), null, NAMESPACE);
        assertTrue(batch.getResults().get(0).getHit());
        assertEquals(JSON.valueToTree(result), JSON.valueToTree(batch.getResults().get(0).getEntry().getResult()));
        assertFalse(batch.getResults().get(1).getHit());

        // a current copy: 304 with no body; the native library reports any non-2xx as an ApiException
        ApiException notModified = assertThrows(ApiException.class, () -> lookups.getEntry(key, null, null, etag, NAMESPACE));
        assertEquals(304, notModified.getCode());

        lookups.headEntry(key, null, null, null, NAMESPACE);
        ApiException headCurrent = assertThrows(ApiException.class, () -> lookups.headEntry(key, null, null, etag, NAMESPACE));
        assertEquals(304, headCurrent.getCode());
        entries.deleteEntry(key, NAMESPACE);

        ApiException miss = assertThrows(ApiException.class, () -> lookups.getEntry(key, null, null, null, NAMESPACE));
        assertEquals(404, miss.getCode());
        assertEquals("/problems/not-found", JSON.readTree(miss.getResponseBody()).get("type").asText());
        ApiException gone = assertThrows(ApiException.class, () -> entries.deleteEntry(key, NAMESPACE));
        assertEquals(404, gone.getCode());
    }

    @Test
    void anArrayAndAScalarResultAreStoredAndReadBack() throws Exception {
        for (Object result : List.of(List.of(1, "two", Map.of("three", 3)), "just text", 7)) {
            EntryMetadata stored = entries.storeEntry(new StoreEntryRequest().cacheType("docs").filePath("README.md")
                    .content("doc " + UUID.randomUUID()).provider("anthropic").model("claude-sonnet-4").result(result), null, NAMESPACE);
            Entry entry = lookups.getEntry(stored.getCacheKey(), null, null, null, NAMESPACE);
            assertEquals(JSON.valueToTree(result), JSON.valueToTree(entry.getResult()));
        }
    }
}
