package dev.llmcache.entry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * The entries table's columns, in one place: the insert, the replace, the bulk import and the
 * reads all take their column lists from here, so a new column is one line below (and one in
 * {@link EntryRows} to read it back). Each written column says how a new entry and its cost fill
 * it; its named parameter has the column's name.
 */
final class EntryColumns {

    /** A column a write fills from the new entry and its cost in nano-dollars. */
    record Column(String name, BiFunction<NewEntry, Long, Object> value) {
    }

    static final List<Column> WRITTEN = List.of(
            new Column("namespace", (e, cost) -> e.namespace()),
            new Column("cache_key", (e, cost) -> e.factors().cacheKey()),
            new Column("legacy_key", (e, cost) -> e.legacyKey()),
            new Column("cache_type", (e, cost) -> e.factors().cacheType()),
            new Column("repo_path", (e, cost) -> e.repoPath()),
            new Column("file_path", (e, cost) -> e.filePath()),
            new Column("file_hash", (e, cost) -> e.factors().fileHash()),
            new Column("provider", (e, cost) -> e.provider()),
            new Column("model", (e, cost) -> e.factors().model()),
            new Column("prompt_hash", (e, cost) -> e.factors().promptHash()),
            new Column("schema_version", (e, cost) -> e.factors().schemaVersion()),
            new Column("tokens_used", (e, cost) -> e.tokensUsed()),
            new Column("input_tokens", (e, cost) -> e.inputTokens()),
            new Column("output_tokens", (e, cost) -> e.outputTokens()),
            new Column("cost_nanos", (e, cost) -> cost),
            new Column("file_size", (e, cost) -> e.fileSize()),
            new Column("result_bytes", (e, cost) -> e.result().resultBytes()),
            new Column("stored_bytes", (e, cost) -> e.result().storedBytes()),
            new Column("result_etag", (e, cost) -> e.result().etag()),
            new Column("created_at", (e, cost) -> e.createdAt().toEpochMilli()),
            // A new or replaced result has not been read yet.
            new Column("last_accessed_at", (e, cost) -> e.createdAt().toEpochMilli()),
            new Column("access_count", (e, cost) -> 0L));

    /** COST_AWARE eviction's priority, kept by every write; it is computed in SQL (see {@link CostAwarePriority}). */
    static final String PRIORITY = "eviction_priority";

    /** A replace finds its row by these and leaves them as they are. */
    private static final List<String> IDENTITY = List.of("namespace", "cache_key");

    /** What reads select, prefixed with the alias {@code e}: the row id and every written column. */
    static final String SELECTED = "e.id, " + WRITTEN.stream().map(c -> "e." + c.name()).collect(Collectors.joining(", "));

    private EntryColumns() {
    }

    /** {@code namespace, cache_key, ..., eviction_priority}: the insert's column list. */
    static String names() {
        return WRITTEN.stream().map(Column::name).collect(Collectors.joining(", ")) + ", " + PRIORITY;
    }

    /** {@code :namespace, :cache_key, ..., <priority>}: one row of a named insert. */
    static String namedValues() {
        return WRITTEN.stream().map(c -> ":" + c.name()).collect(Collectors.joining(", ")) + ", "
                + CostAwarePriority.sql("0", ":cost_nanos", ":stored_bytes");
    }

    /** {@code ?, ?, ..., <priority>}: one row of a multi-row insert, filled by {@link #addValues}. */
    static String positionalValues() {
        return "?, ".repeat(WRITTEN.size()) + CostAwarePriority.sql("0", "?", "?");
    }

    /**
     * {@code cache_type = :cache_type, ...}: a replace's assignments. A replace is a new analysis (its
     * creation time is now and its accesses start again); a legacy key, once known, stays.
     */
    static String assignments() {
        return WRITTEN.stream().filter(c -> !IDENTITY.contains(c.name()))
                .map(c -> c.name().equals("legacy_key") ? "legacy_key = coalesce(:legacy_key, legacy_key)"
                        : c.name() + " = :" + c.name())
                .collect(Collectors.joining(", ")) + ", " + PRIORITY + " = " + CostAwarePriority.sql("0", ":cost_nanos", ":stored_bytes");
    }

    /** The named parameters of {@link #namedValues} and {@link #assignments}. */
    static Map<String, Object> params(NewEntry entry, long costNanos) {
        Map<String, Object> params = new HashMap<>();
        WRITTEN.forEach(c -> params.put(c.name(), c.value().apply(entry, costNanos)));
        return params;
    }

    /** Appends the values of one row of {@link #positionalValues}, its priority's two included. */
    static void addValues(List<Object> values, NewEntry entry, long costNanos) {
        WRITTEN.forEach(c -> values.add(c.value().apply(entry, costNanos)));
        values.add(costNanos);
        values.add(entry.result().storedBytes());
    }

    /** Parameters per row of {@link #positionalValues}. */
    static int parametersPerRow() {
        return WRITTEN.size() + 2;
    }

    static List<Object> newValues(int rows) {
        return new ArrayList<>(rows * parametersPerRow());
    }
}
