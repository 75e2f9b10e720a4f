package dev.llmcache.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcache.lookup.AccessTracker;
import dev.llmcache.pricing.Money;
import dev.llmcache.storage.V4Database.Entry;
import dev.llmcache.support.ApiClient;
import dev.llmcache.support.MutableClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A database made by the previous schema (V4: text keys, one string per column) is migrated in place
 * when the server starts, and the server then answers every read exactly as the old data says: the
 * metadata, results and ETags of every entry by key and by legacy key, the listing's order and
 * filters, the statistics, the budget and its history, the stored migration, the eviction orders,
 * and the access counts. It takes writes afterwards. One test, because reads count as hits.
 */
@TestPropertySource(properties = "cache.access-flush-interval=PT1H")
abstract class UpgradeScenarios {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Autowired
    AccessTracker tracker;

    /** The data the database was made with, before the server started. */
    abstract V4Database data();

    private ApiClient api(String namespace) {
        return new ApiClient(port).inNamespace(namespace);
    }

    @Test
    void anUpgradedDatabaseAnswersEveryReadAsBeforeAndTakesWrites() {
        clock.set(MutableClock.START);
        V4Database data = data();
        for (String namespace : V4Database.NAMESPACES) {
            listingShowsEveryEntryInOrder(namespace, data.in(namespace));
            listingFiltersStillMatch(namespace, data.in(namespace));
            statisticsAreUnchanged(namespace, data);
            budgetAndHistoryAreUnchanged(namespace, data);
        }
        migrationIsStillThere();
        evictionOrdersAreUnchanged(data.entries);
        everyEntryReadsBackByKeyAndLegacyKey(data.entries);
        accessesAddUpOnTheOldCounts(data.entries);
        newWritesReplaceAndAdd(data);
    }

    private void listingShowsEveryEntryInOrder(String namespace, List<Entry> entries) {
        List<Entry> expected = entries.stream()
                .sorted(Comparator.comparingLong(Entry::createdAt).thenComparingLong(Entry::id).reversed()).toList();
        List<JsonNode> listed = listAll(namespace, "");
        assertThat(listed).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            assertMetadata(listed.get(i), expected.get(i), expected.get(i).accessCount(), expected.get(i).lastAccessedAt());
        }
    }

    private void listingFiltersStillMatch(String namespace, List<Entry> entries) {
        Map<String, Function<Entry, String>> filters = Map.of("cacheType", Entry::cacheType, "repoPath", Entry::repoPath,
                "filePath", Entry::filePath, "provider", Entry::provider, "model", Entry::model);
        filters.forEach((filter, field) -> entries.stream().map(field).distinct().forEach(value -> {
            List<String> expected = sortedKeys(entries, e -> field.apply(e).equals(value));
            assertThat(keys(listAll(namespace, "&" + filter + "=" + encode(value)))).as(filter + "=" + value)
                    .isEqualTo(expected);
        }));
        assertThat(listAll(namespace, "&model=no-such-model")).isEmpty();
    }

    private void statisticsAreUnchanged(String namespace, V4Database data) {
        List<Entry> entries = data.in(namespace);
        JsonNode stats = api(namespace).get("/api/v1/stats").json();
        assertThat(stats.get("totalEntries").asLong()).isEqualTo(entries.size());
        assertThat(stats.get("totalTokens").asLong()).isEqualTo(entries.stream().mapToLong(Entry::tokensUsed).sum());
        assertThat(stats.get("totalFileSize").asLong())
                .isEqualTo(entries.stream().mapToLong(e -> e.fileSize() == null ? 0 : e.fileSize()).sum());
        assertThat(stats.get("totalResultBytes").asLong()).isEqualTo(entries.stream().mapToLong(Entry::resultBytes).sum());
        assertThat(stats.get("totalStoredBytes").asLong()).isEqualTo(entries.stream().mapToLong(Entry::storedBytes).sum());
        // V30: the frames written before dictionaries existed count as frames without one
        assertThat(stats.at("/compression/withDictionary/entries").asLong()).isZero();
        assertThat(stats.at("/compression/withoutDictionary/entries").asLong()).isEqualTo(entries.size());
        assertThat(stats.at("/compression/withoutDictionary/storedBytes").asLong())
                .isEqualTo(entries.stream().mapToLong(Entry::storedBytes).sum());
        assertMoney(stats.get("estimatedCostUsd"), entries.stream().mapToLong(Entry::costNanos).sum());
        List<V4Database.Lookups> lookups = data.lookups.stream().filter(l -> l.namespace().equals(namespace)).toList();
        assertThat(stats.get("hits").asLong()).isEqualTo(lookups.stream().mapToLong(V4Database.Lookups::hits).sum());
        assertThat(stats.get("misses").asLong()).isEqualTo(lookups.stream().mapToLong(V4Database.Lookups::misses).sum());
        assertMoney(stats.get("savedCostUsd"), lookups.stream().mapToLong(V4Database.Lookups::savedNanos).sum());

        Map<String, List<Entry>> byType = new TreeMap<>();
        entries.forEach(e -> byType.computeIfAbsent(e.cacheType(), k -> new ArrayList<>()).add(e));
        JsonNode types = stats.get("byType");
        assertThat(types.size()).isEqualTo(byType.size());
        int i = 0;
        for (Map.Entry<String, List<Entry>> type : byType.entrySet()) {
            JsonNode row = types.get(i++);
            V4Database.Lookups counted = lookups.stream().filter(l -> l.cacheType().equals(type.getKey())).findFirst()
                    .orElse(new V4Database.Lookups(namespace, type.getKey(), 0, 0, 0));
            assertThat(row.get("cacheType").asString()).isEqualTo(type.getKey());
            assertThat(row.get("entries").asLong()).isEqualTo(type.getValue().size());
            assertThat(row.get("tokens").asLong()).isEqualTo(type.getValue().stream().mapToLong(Entry::tokensUsed).sum());
            assertMoney(row.get("costUsd"), type.getValue().stream().mapToLong(Entry::costNanos).sum());
            assertThat(row.get("storedBytes").asLong()).isEqualTo(type.getValue().stream().mapToLong(Entry::storedBytes).sum());
            assertThat(row.get("hits").asLong()).isEqualTo(counted.hits());
            assertThat(row.get("misses").asLong()).isEqualTo(counted.misses());
        }

        Map<String, List<Entry>> byModel = new TreeMap<>();
        entries.forEach(e -> byModel.computeIfAbsent(e.provider() + "\n" + e.model(), k -> new ArrayList<>()).add(e));
        JsonNode models = stats.get("byModel");
        assertThat(models.size()).isEqualTo(byModel.size());
        i = 0;
        for (Map.Entry<String, List<Entry>> model : byModel.entrySet()) {
            JsonNode row = models.get(i++);
            assertThat(row.get("provider").asString() + "\n" + row.get("model").asString()).isEqualTo(model.getKey());
            assertThat(row.get("entries").asLong()).isEqualTo(model.getValue().size());
            assertThat(row.get("tokens").asLong()).isEqualTo(model.getValue().stream().mapToLong(Entry::tokensUsed).sum());
            assertMoney(row.get("costUsd"), model.getValue().stream().mapToLong(Entry::costNanos).sum());
        }
    }

    private void budgetAndHistoryAreUnchanged(String namespace, V4Database data) {
        List<V4Database.Ledger> rows = data.ledger.stream().filter(l -> l.namespace().equals(namespace)).toList();
        JsonNode budget = api(namespace).get("/api/v1/budget").json();
        if (namespace.equals("upgrade-a")) {
            assertMoney(budget.get("monthlyBudgetUsd"), V4Database.BUDGET_NANOS);
            assertThat(budget.get("warningThreshold").asDouble()).isEqualTo(0.5);
            assertThat(budget.get("alertThreshold").asDouble()).isEqualTo(0.8);
        }
        assertMoney(budget.get("spentUsd"), rows.stream().filter(l -> l.month().equals("2026-11"))
                .mapToLong(V4Database.Ledger::spentNanos).sum());
        JsonNode history = api(namespace).get("/api/v1/budget/history?months=12").json();
        List<String> months = rows.stream().map(V4Database.Ledger::month).distinct().sorted(Comparator.reverseOrder()).toList();
        assertThat(history.size()).isEqualTo(months.size());
        for (int i = 0; i < months.size(); i++) {
            String month = months.get(i);
            List<V4Database.Ledger> inMonth = rows.stream().filter(l -> l.month().equals(month)).toList();
            JsonNode row = history.get(i);
            assertThat(row.get("month").asString()).isEqualTo(month);
            assertMoney(row.get("spentUsd"), inMonth.stream().mapToLong(V4Database.Ledger::spentNanos).sum());
            assertThat(row.get("tokens").asLong()).isEqualTo(inMonth.stream().mapToLong(V4Database.Ledger::tokens).sum());
            assertThat(row.get("writes").asLong()).isEqualTo(inMonth.stream().mapToLong(V4Database.Ledger::writes).sum());
            assertThat(row.get("hits").asLong()).isEqualTo(inMonth.stream().mapToLong(V4Database.Ledger::hits).sum());
            assertThat(row.get("misses").asLong()).isEqualTo(inMonth.stream().mapToLong(V4Database.Ledger::misses).sum());
            assertMoney(row.get("savedUsd"), inMonth.stream().mapToLong(V4Database.Ledger::savedNanos).sum());
        }
    }

    private void migrationIsStillThere() {
        JsonNode migration = api("upgrade-a").get("/api/v1/migrations/" + V4Database.MIGRATION_ID).json();
        assertThat(migration.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(migration.get("result").get("totalMigrated").asLong()).isEqualTo(11);
        assertThat(migration.get("result").get("failures").get(0).get("error").asString()).isEqualTo("missing field result");
    }

    /** A dry run that removes three entries frees exactly the first three of each policy's order. */
    private void evictionOrdersAreUnchanged(List<Entry> entries) {
        Map<String, Comparator<Entry>> orders = Map.of(
                "LRU", Comparator.comparingLong(Entry::lastAccessedAt).thenComparingLong(Entry::id),
                "OLDEST", Comparator.comparingLong(Entry::createdAt).thenComparingLong(Entry::id),
                "LARGEST", Comparator.comparingLong((Entry e) -> -e.storedBytes()).thenComparingLong(Entry::id),
                "COST_AWARE", Comparator.comparingDouble(Entry::evictionPriority).thenComparingLong(Entry::id));
        orders.forEach((policy, order) -> {
            JsonNode result = api("upgrade-a").post("/api/v1/eviction",
                    Map.of("policy", policy, "maxEntries", entries.size() - 3, "dryRun", true)).json();
            assertThat(result.get("evicted").asLong()).as(policy).isEqualTo(3);
            assertThat(result.get("freedBytes").asLong()).as(policy)
                    .isEqualTo(entries.stream().sorted(order).limit(3).mapToLong(Entry::storedBytes).sum());
            assertThat(result.get("remainingEntries").asLong()).as(policy).isEqualTo(entries.size() - 3);
        });
    }

    private void everyEntryReadsBackByKeyAndLegacyKey(List<Entry> entries) {
        for (Entry e : entries) {
            ApiClient.Response hit = api(e.namespace()).get("/api/v1/entries/" + e.cacheKey());
            assertThat(hit.status()).as(e.cacheKey()).isEqualTo(200);
            assertThat(hit.header("ETag")).isEqualTo(e.etag());
            JsonNode body = hit.json();
            assertMetadata(body, e, e.accessCount() + 1, Math.max(e.lastAccessedAt(), clock.millis()));
            assertThat(body.get("result")).isEqualTo(JSON.readTree(e.resultJson()));
            assertThat(api(e.namespace()).get("/api/v1/entries/" + e.cacheKey(), "If-None-Match", e.etag()).status())
                    .isEqualTo(304);
            if (e.legacyKey() != null) {
                ApiClient.Response byLegacy = api(e.namespace()).get("/api/v1/entries/" + e.legacyKey());
                assertThat(byLegacy.status()).as(e.legacyKey()).isEqualTo(200);
                assertThat(byLegacy.json().get("cacheKey").asString()).isEqualTo(e.cacheKey());
            }
            String other = e.namespace().equals("upgrade-a") ? "upgrade-b" : "upgrade-a";
            assertThat(api(other).get("/api/v1/entries/" + e.cacheKey()).status()).isEqualTo(404);
        }
    }

    /** Each entry was served two or three times above; once written, the counts add to the old ones. */
    private void accessesAddUpOnTheOldCounts(List<Entry> entries) {
        tracker.flush();
        for (String namespace : V4Database.NAMESPACES) {
            Map<String, JsonNode> listed = new TreeMap<>();
            listAll(namespace, "").forEach(item -> listed.put(item.get("cacheKey").asString(), item));
            for (Entry e : entries.stream().filter(e -> e.namespace().equals(namespace)).toList()) {
                long served = e.legacyKey() == null ? 2 : 3;
                assertMetadata(listed.get(e.cacheKey()), e, e.accessCount() + served,
                        Math.max(e.lastAccessedAt(), clock.millis()));
            }
        }
    }

    private void newWritesReplaceAndAdd(V4Database data) {
        Entry old = data.entries.get(0);
        Map<String, Object> replacement = Map.of("cacheType", old.cacheType(), "model", old.model(), "provider",
                old.provider(), "fileHash", old.fileHash(), "promptHash", old.promptHash(), "schemaVersion",
                old.schemaVersion(), "filePath", "src/renamed.rs", "result", Map.of("replaced", true), "tokensUsed", 10);
        ApiClient.Response replaced = api(old.namespace()).post("/api/v1/entries", replacement);
        assertThat(replaced.status()).isEqualTo(200);
        assertThat(replaced.json().get("cacheKey").asString()).isEqualTo(old.cacheKey());
        assertThat(replaced.json().get("legacyKey").asString()).isEqualTo(old.legacyKey());
        ApiClient.Response created = api(old.namespace()).post("/api/v1/entries", Map.of("cacheType", "todos",
                "model", "grok-2", "provider", "xai", "content", "fn new() {}", "filePath", "src/new.rs",
                "result", List.of("a new result"), "tokensUsed", 20));
        assertThat(created.status()).isEqualTo(201);
        JsonNode stats = api(old.namespace()).get("/api/v1/stats").json();
        List<Entry> before = data.in(old.namespace());
        assertThat(stats.get("totalEntries").asLong()).isEqualTo(before.size() + 1);
        assertThat(stats.get("totalTokens").asLong())
                .isEqualTo(before.stream().mapToLong(Entry::tokensUsed).sum() - old.tokensUsed() + 10 + 20);
        assertThat(api(old.namespace()).get("/api/v1/entries/" + old.legacyKey()).json().get("result"))
                .isEqualTo(JSON.readTree("{\"replaced\":true}"));
    }

    private static void assertMetadata(JsonNode item, Entry e, long accessCount, long lastAccessedAt) {
        assertThat(item.get("cacheKey").asString()).isEqualTo(e.cacheKey());
        assertThat(text(item, "legacyKey")).isEqualTo(e.legacyKey());
        assertThat(item.get("namespace").asString()).isEqualTo(e.namespace());
        assertThat(item.get("cacheType").asString()).isEqualTo(e.cacheType());
        assertThat(item.get("repoPath").asString()).isEqualTo(e.repoPath());
        assertThat(item.get("filePath").asString()).isEqualTo(e.filePath());
        assertThat(item.get("fileHash").asString()).isEqualTo(e.fileHash());
        assertThat(item.get("provider").asString()).isEqualTo(e.provider());
        assertThat(item.get("model").asString()).isEqualTo(e.model());
        assertThat(item.get("promptHash").asString()).isEqualTo(e.promptHash());
        assertThat(item.get("schemaVersion").asInt()).isEqualTo(e.schemaVersion());
        assertThat(item.get("tokensUsed").asLong()).isEqualTo(e.tokensUsed());
        assertThat(number(item, "inputTokens")).isEqualTo(e.inputTokens());
        assertThat(number(item, "outputTokens")).isEqualTo(e.outputTokens());
        assertThat(item.get("cachedInputTokens").isNull()).isTrue();
        assertThat(item.get("cacheWriteTokens").isNull()).isTrue();
        assertMoney(item.get("costUsd"), e.costNanos());
        assertThat(number(item, "fileSize")).isEqualTo(e.fileSize());
        assertThat(item.get("resultBytes").asLong()).isEqualTo(e.resultBytes());
        assertThat(item.get("storedBytes").asLong()).isEqualTo(e.storedBytes());
        assertThat(Instant.parse(item.get("createdAt").asString()).toEpochMilli()).isEqualTo(e.createdAt());
        assertThat(Instant.parse(item.get("lastAccessedAt").asString()).toEpochMilli()).isEqualTo(lastAccessedAt);
        assertThat(item.get("accessCount").asLong()).isEqualTo(accessCount);
        assertThat(item.get("writtenBy").isNull()).isTrue();
    }

    private List<JsonNode> listAll(String namespace, String query) {
        List<JsonNode> items = new ArrayList<>();
        String after = null;
        do {
            JsonNode page = api(namespace).get("/api/v1/entries?limit=5" + query + (after == null ? "" : "&after=" + after)).json();
            page.get("items").forEach(items::add);
            after = page.get("next").isNull() ? null : page.get("next").asString();
        } while (after != null);
        return items;
    }

    private static List<String> sortedKeys(List<Entry> entries, Predicate<Entry> filter) {
        return entries.stream().filter(filter)
                .sorted(Comparator.comparingLong(Entry::createdAt).thenComparingLong(Entry::id).reversed())
                .map(Entry::cacheKey).toList();
    }

    private static List<String> keys(List<JsonNode> items) {
        return items.stream().map(item -> item.get("cacheKey").asString()).toList();
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String text(JsonNode item, String field) {
        return item.get(field).isNull() ? null : item.get(field).asString();
    }

    private static Long number(JsonNode item, String field) {
        return item.get(field).isNull() ? null : item.get(field).asLong();
    }

    private static void assertMoney(JsonNode actual, long nanos) {
        assertThat(actual.decimalValue()).as(Objects.toString(actual)).isEqualByComparingTo(Money.usd(nanos));
    }
}
