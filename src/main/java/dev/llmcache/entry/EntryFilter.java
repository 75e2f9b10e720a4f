package dev.llmcache.entry;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Exact-match filters of the listing and of clearing; null fields do not filter.
 */
public record EntryFilter(String cacheType, String repoPath, String filePath, String provider, String model, String writtenBy) {

    public static final EntryFilter NONE = new EntryFilter(null, null, null, null, null, null);

    /** The one filtered column that holds its text rather than a name's id. */
    private static final String FILE_PATH = "file_path";

    /** The filters without {@code writtenBy}. */
    public EntryFilter(String cacheType, String repoPath, String filePath, String provider, String model) {
        this(cacheType, repoPath, filePath, provider, model, null);
    }

    public boolean isEmpty() {
        return columns().isEmpty();
    }

    /** The SQL conditions, each {@code AND column = :column}, for the filters that are set. */
    String sqlConditions() {
        StringBuilder sql = new StringBuilder();
        columns().keySet().forEach(column -> sql.append(" AND ").append(column).append(" = :").append(column));
        return sql.toString();
    }

    /**
     * The parameters of {@link #sqlConditions}: each filtered column's name id (the file path as it is,
     * since it is stored in the row); empty when a value is not a stored name, so that nothing can match.
     */
    Optional<Map<String, Object>> params(Names names) {
        Map<String, Object> params = new LinkedHashMap<>();
        for (Map.Entry<String, String> column : columns().entrySet()) {
            if (column.getKey().equals(FILE_PATH)) {
                params.put(FILE_PATH, column.getValue());
                continue;
            }
            Optional<Long> id = names.find(column.getValue());
            if (id.isEmpty()) {
                return Optional.empty();
            }
            params.put(column.getKey(), id.get());
        }
        return Optional.of(params);
    }

    /** Column (a name's id, but for the file path) to value, for the filters that are set. */
    private Map<String, String> columns() {
        Map<String, String> columns = new LinkedHashMap<>();
        put(columns, "cache_type_id", cacheType);
        put(columns, "repo_path_id", repoPath);
        put(columns, FILE_PATH, filePath);
        put(columns, "provider_id", provider);
        put(columns, "model_id", model);
        put(columns, "written_by_id", writtenBy);
        return columns;
    }

    private static void put(Map<String, String> columns, String column, String value) {
        if (value != null) {
            columns.put(column, value);
        }
    }
}
