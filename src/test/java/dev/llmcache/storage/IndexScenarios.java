package dev.llmcache.storage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every index of the entries table is there for a query of the contract, and every such query is
 * served by an index in the order it needs (no sort of the table, no scan of it). The SQL is the
 * repositories' (entry, eviction), with literals for parameters; each database's planner is asked
 * through {@link #plan}, which fails on a full scan or a sort.
 */
abstract class IndexScenarios {

    /** A 32-byte key as a SQL literal. */
    static final String KEY = "X'" + "ab".repeat(32) + "'";
    static final String LEGACY_KEY = "X'" + "cd".repeat(16) + "'";

    /**
     * The plan of a query, asserting that it reads the table through {@code index} (a regular
     * expression of index names) and sorts nothing.
     */
    abstract String plan(String sql, String index);

    /** A {@code bytea}/BLOB literal in this database's syntax. */
    abstract String blob(String sqliteLiteral);

    @Test
    void getByKeyReadsOneRowThroughTheKeyIndex() {
        plan("SELECT e.id, r.result FROM entries e JOIN entry_results r ON r.entry_id = e.id"
                + " WHERE e.namespace_id = 1 AND e.cache_key = " + blob(KEY), "entries_key");
    }

    @Test
    void batchLookupsUseTheKeyIndex() {
        plan("SELECT e.id, r.result FROM entries e JOIN entry_results r ON r.entry_id = e.id"
                + " WHERE e.namespace_id = 1 AND e.cache_key IN (" + blob(KEY) + ", " + blob(KEY.replace("ab", "ef")) + ")",
                "entries_key");
    }

    @Test
    void getByKeyTriesTheCacheKeyAndTheLegacyKeyEachThroughItsIndex() {
        String plan = plan("SELECT e.id, r.result FROM entries e JOIN entry_results r ON r.entry_id = e.id"
                + " WHERE e.namespace_id = 1 AND e.cache_key = " + blob(KEY)
                + " UNION ALL SELECT e.id, r.result FROM entries e JOIN entry_results r ON r.entry_id = e.id"
                + " WHERE e.namespace_id = 1 AND e.legacy_key = " + blob(KEY), "entries_key");
        assertThat(plan).contains("entries_legacy_key");
    }

    @Test
    void recompressionReadsTheFramesWithoutADictionaryInIdOrderThroughItsPartialIndex() {
        plan("SELECT e.id, e.result_bytes, e.stored_bytes, e.result_etag, r.result FROM entries e"
                + " JOIN entry_results r ON r.entry_id = e.id WHERE e.namespace_id = 1 AND e.cache_type_id = 11"
                + " AND e.id > 5 AND e.dictionary_id IS NULL ORDER BY e.id LIMIT 200", "entries_without_dictionary");
    }

    @Test
    void getByLegacyKeyUsesThePartialLegacyIndex() {
        plan("SELECT e.id FROM entries e WHERE e.namespace_id = 1 AND e.legacy_key = " + blob(LEGACY_KEY),
                "entries_legacy_key");
    }

    @Test
    void unfilteredListingIsAnIndexScanInCursorOrder() {
        plan(listing(""), "entries_list");
        plan(listing(" AND (e.created_at, e.id) < (5000000, 9)"), "entries_list");
    }

    /** These filters share the listing index: they are checked on its entries (see the timings in docs/storage.md). */
    @ParameterizedTest
    @ValueSource(strings = {"cache_type_id", "provider_id", "model_id", "repo_path_id"})
    void lowCardinalityFiltersShareTheListingIndex(String column) {
        plan(listing(" AND e." + column + " = 41 AND (e.created_at, e.id) < (5000000, 9)"), "entries_list");
    }

    @Test
    void allFiltersAtOnceStillNeedNoSort() {
        plan(listing(" AND e.cache_type_id = 11 AND e.provider_id = 21 AND e.model_id = 31 AND e.repo_path_id = 41"),
                "entries_list");
    }

    @Test
    void filePathFiltersHaveTheirOwnIndex() {
        plan(listing(" AND e.file_path = 'src/f150.rs'"), "entries_list_file");
        plan(listing(" AND e.file_path = 'src/f150.rs' AND e.cache_type_id = 11 AND (e.created_at, e.id) < (5000000, 9)"),
                "entries_list_file");
    }

    @ParameterizedTest
    @CsvSource({"last_accessed_at, '', entries_last_access", "created_at, '', entries_created",
        "stored_bytes, DESC, entries_size", "eviction_priority, '', entries_priority"})
    void eachEvictionOrderIsAnIndexScan(String column, String direction, String index) {
        // EvictionRepository's candidates: the policy's first batch, after the idle ones went
        plan("SELECT id, created_at, stored_bytes, eviction_priority, " + column + " AS sort_key FROM entries"
                + " WHERE last_accessed_at >= 5 ORDER BY " + column + " " + direction + ", id LIMIT 1000", index);
        // a dry run goes on after its cursor
        plan("SELECT id, created_at, stored_bytes, eviction_priority, " + column + " AS sort_key FROM entries"
                + " WHERE (" + column + (direction.isEmpty() ? " > " : " < ") + "7 OR (" + column + " = 7 AND id > 9))"
                + " ORDER BY " + column + " " + direction + ", id LIMIT 1000", index);
    }

    @Test
    void idleExpiryFindsIdleEntriesThroughTheLastAccessIndex() {
        plan("SELECT id, created_at FROM entries WHERE last_accessed_at < 5 ORDER BY last_accessed_at, id LIMIT 1000",
                "entries_last_access");
        plan("SELECT count(*) AS entries, coalesce(sum(stored_bytes), 0) AS bytes FROM entries"
                + " WHERE last_accessed_at < 5", "entries_last_access");
    }

    @ParameterizedTest
    @CsvSource(quoteCharacter = '"', value = {"cache_type_id, 41, entries_list", "model_id, 41, entries_list", "provider_id, 41, entries_list",
        "repo_path_id, 41, entries_list", "file_path, 'src/f41.rs', entries_list_file"})
    void clearingByAFilterFindsItsBatchThroughAnIndex(String column, String value, String index) {
        plan("DELETE FROM entries WHERE id IN (SELECT id FROM entries WHERE namespace_id = 1 AND " + column
                + " = " + value + " LIMIT 5000)", index);
    }

    @Test
    void clearingANamespaceUsesAnIndexThatStartsWithTheNamespace() {
        plan("DELETE FROM entries WHERE id IN (SELECT id FROM entries WHERE namespace_id = 1 LIMIT 5000)",
                "(entries_list|entries_list_file|entries_key)");
    }

    private static String listing(String conditions) {
        return "SELECT e.id, e.cache_key FROM entries e WHERE e.namespace_id = 1" + conditions
                + " ORDER BY e.created_at DESC, e.id DESC LIMIT 101";
    }
}
