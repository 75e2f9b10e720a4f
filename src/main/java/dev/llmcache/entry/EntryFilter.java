package dev.llmcache.entry;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Exact-match filters of the listing and of clearing; null fields do not filter.
 */
public record EntryFilter(String cacheType, String repoPath, String filePath, String provider, String model) {

    public static final EntryFilter NONE = new EntryFilter(null, null, null, null, null);

    public boolean isEmpty() {
        return columns().isEmpty();
    }

    /** The SQL conditions, each {@code AND column = :column}, for the filters that are set. */
    String sqlConditions() {
        StringBuilder sql = new StringBuilder();
        columns().keySet().forEach(column -> sql.append(" AND ").append(column).append(" = :").append(column));
        return sql.toString();
    }

    /** Column name to value, for the filters that are set. */
    Map<String, Object> columns() {
        Map<String, Object> columns = new LinkedHashMap<>();
        put(columns, "cache_type", cacheType);
        put(columns, "repo_path", repoPath);
        put(columns, "file_path", filePath);
        put(columns, "provider", provider);
        put(columns, "model", model);
        return columns;
    }

    private static void put(Map<String, Object> columns, String column, String value) {
        if (value != null) {
            columns.put(column, value);
        }
    }
}
