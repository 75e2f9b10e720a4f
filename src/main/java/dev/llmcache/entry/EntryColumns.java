package dev.llmcache.entry;

import dev.llmcache.support.Hex;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The entries table's columns, in one place: the insert, the replace, the bulk import and the
 * reads all take their column lists from here, so a new column is one line below (and one in
 * {@link EntryRows} to read it back). Each written column says how a row fills it from the new
 * entry, its cost and the ids of its names ({@link Names}); its named parameter has the column's
 * name. Keys and hashes are written as bytes ({@link Hex}).
 */
final class EntryColumns {

    /** What one written row is made of: the entry, its cost in nano-dollars, and the ids of its names. */
    record Row(NewEntry entry, long costNanos, Map<String, Long> ids) {

        Long id(String name) {
            return name == null ? null : ids.get(name);
        }
    }

    /** A column a write fills from a {@link Row}. */
    record Column(String name, Function<Row, Object> value) {
    }

    static final List<Column> WRITTEN = List.of(
            new Column("namespace_id", r -> r.id(r.entry().namespace())),
            new Column("cache_key", r -> Hex.bytes(r.entry().cacheKey())),
            new Column("legacy_key", r -> Hex.bytes(r.entry().legacyKey())),
            new Column("cache_type_id", r -> r.id(r.entry().factors().cacheType())),
            new Column("repo_path_id", r -> r.id(r.entry().repoPath())),
            new Column("file_path", r -> r.entry().filePath()),
            new Column("file_hash", r -> Hex.bytes(r.entry().factors().fileHash())),
            new Column("provider_id", r -> r.id(r.entry().provider())),
            new Column("model_id", r -> r.id(r.entry().factors().model())),
            new Column("prompt_hash", r -> r.entry().factors().promptHash()),
            new Column("schema_version", r -> r.entry().factors().schemaVersion()),
            new Column("tokens_used", r -> r.entry().tokensUsed()),
            new Column("input_tokens", r -> r.entry().inputTokens()),
            new Column("output_tokens", r -> r.entry().outputTokens()),
            new Column("cached_input_tokens", r -> r.entry().cachedInputTokens()),
            new Column("cache_write_tokens", r -> r.entry().cacheWriteTokens()),
            new Column("cost_nanos", Row::costNanos),
            new Column("file_size", r -> r.entry().fileSize()),
            new Column("result_bytes", r -> r.entry().result().resultBytes()),
            new Column("stored_bytes", r -> r.entry().result().storedBytes()),
            new Column("result_etag", r -> r.entry().result().etagBytes()),
            new Column("created_at", r -> r.entry().createdAt().toEpochMilli()),
            // A new or replaced result has not been read yet.
            new Column("last_accessed_at", r -> r.entry().createdAt().toEpochMilli()),
            new Column("access_count", r -> 0L),
            new Column("written_by_id", r -> r.id(r.entry().writtenBy())),
            new Column("dictionary_id", r -> r.entry().result().storedDictionaryId()));

    /** COST_AWARE eviction's priority, kept by every write; it is computed in SQL (see {@link CostAwarePriority}). */
    static final String PRIORITY = "eviction_priority";

    /** A replace finds its row by these and leaves them as they are. */
    private static final List<String> IDENTITY = List.of("namespace_id", "cache_key");

    /** What reads select, prefixed with the alias {@code e}: the row id and every written column. */
    static final String SELECTED = "e.id, " + WRITTEN.stream().map(c -> "e." + c.name()).collect(Collectors.joining(", "));

    /** The position of {@code r.result} in a read that selects it right after {@link #SELECTED}. */
    static final int RESULT_POSITION = WRITTEN.size() + 2;

    private EntryColumns() {
    }

    /**
     * The position (from 1) of a column in {@link #SELECTED}. Rows are read by position because
     * sqlite-jdbc finds a column by name through a map it builds again for every result set.
     */
    static int selected(String column) {
        if (column.equals("id")) {
            return 1;
        }
        for (int i = 0; i < WRITTEN.size(); i++) {
            if (WRITTEN.get(i).name().equals(column)) {
                return i + 2;
            }
        }
        throw new IllegalArgumentException("not a selected column: " + column);
    }

    /**
     * The strings of an entry that are stored as ids of {@link Names}: those many entries share. The file
     * path and the prompt hash are stored in the row itself (V34): they are nearly one per entry, so as
     * names they cost a row and an index entry of {@code names} each and, past the names' cache, a query.
     */
    static Set<String> namesOf(NewEntry entry) {
        Set<String> names = new LinkedHashSet<>();
        KeyFactors factors = entry.factors();
        for (String name : new String[] {entry.namespace(), factors.cacheType(), entry.repoPath(), entry.provider(),
                factors.model(), entry.writtenBy()}) {
            if (name != null) {
                names.add(name);
            }
        }
        return names;
    }

    /** {@code namespace_id, cache_key, ..., eviction_priority}: the insert's column list. */
    static String names() {
        return WRITTEN.stream().map(Column::name).collect(Collectors.joining(", ")) + ", " + PRIORITY;
    }

    /** {@code :namespace_id, :cache_key, ..., <priority>}: one row of a named insert. */
    static String namedValues() {
        return WRITTEN.stream().map(c -> ":" + c.name()).collect(Collectors.joining(", ")) + ", "
                + CostAwarePriority.sql("0", ":cost_nanos", ":stored_bytes");
    }

    /** {@code ?, ?, ..., <priority>}: one row of a multi-row insert, filled by {@link #addValues}. */
    static String positionalValues() {
        return "?, ".repeat(WRITTEN.size()) + CostAwarePriority.sql("0", "?", "?");
    }

    /**
     * {@code cache_type_id = :cache_type_id, ...}: a replace's assignments. A replace is a new analysis
     * (its creation time is now and its accesses start again); a legacy key, once known, stays.
     */
    static String assignments() {
        return WRITTEN.stream().filter(c -> !IDENTITY.contains(c.name()))
                .map(c -> c.name().equals("legacy_key") ? "legacy_key = coalesce(:legacy_key, legacy_key)"
                        : c.name() + " = :" + c.name())
                .collect(Collectors.joining(", ")) + ", " + PRIORITY + " = " + CostAwarePriority.sql("0", ":cost_nanos", ":stored_bytes");
    }

    /** The named parameters of {@link #namedValues} and {@link #assignments}. */
    static Map<String, Object> params(Row row) {
        Map<String, Object> params = new HashMap<>();
        WRITTEN.forEach(c -> params.put(c.name(), c.value().apply(row)));
        return params;
    }

    /** Appends the values of one row of {@link #positionalValues}, its priority's two included. */
    static void addValues(List<Object> values, Row row) {
        WRITTEN.forEach(c -> values.add(c.value().apply(row)));
        values.add(row.costNanos());
        values.add(row.entry().result().storedBytes());
    }

    /** Parameters per row of {@link #positionalValues}. */
    static int parametersPerRow() {
        return WRITTEN.size() + 2;
    }

    static List<Object> newValues(int rows) {
        return new ArrayList<>(rows * parametersPerRow());
    }
}
