package dev.llmcache.entry;

import dev.llmcache.pricing.Money;
import dev.llmcache.support.Hex;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.RowMapper;

/**
 * Reads entries (queries select {@link EntryColumns#SELECTED}) in two steps: the row mappers keep
 * the names as ids ({@link Row}), then {@link #resolve} turns them into metadata with the names of
 * {@link Names}, in one lookup for all the rows of a query and without holding its connection.
 */
final class EntryRows {

    /** An entry as read, its shared names still ids. */
    record Row(long id, long namespaceId, byte[] cacheKey, byte[] legacyKey, long cacheTypeId, long repoPathId,
            String filePath, byte[] fileHash, long providerId, long modelId, String promptHash, int schemaVersion,
            long tokensUsed, Long inputTokens, Long outputTokens, Long cachedInputTokens, Long cacheWriteTokens,
            long costNanos, Long fileSize, long resultBytes, long storedBytes, byte[] etag, long createdAt,
            long lastAccessedAt, long accessCount, Long writtenById, byte[] frame) {

        void addNameIds(Set<Long> ids) {
            ids.add(namespaceId);
            ids.add(cacheTypeId);
            ids.add(repoPathId);
            ids.add(providerId);
            ids.add(modelId);
            if (writtenById != null) {
                ids.add(writtenById);
            }
        }

        EntryCursor cursor() {
            return new EntryCursor(createdAt, id);
        }
    }

    // positions in EntryColumns.SELECTED (a read with the result selects it right after them)
    private static final int ID = EntryColumns.selected("id");
    private static final int NAMESPACE_ID = EntryColumns.selected("namespace_id");
    private static final int CACHE_KEY = EntryColumns.selected("cache_key");
    private static final int LEGACY_KEY = EntryColumns.selected("legacy_key");
    private static final int CACHE_TYPE_ID = EntryColumns.selected("cache_type_id");
    private static final int REPO_PATH_ID = EntryColumns.selected("repo_path_id");
    private static final int FILE_PATH = EntryColumns.selected("file_path");
    private static final int FILE_HASH = EntryColumns.selected("file_hash");
    private static final int PROVIDER_ID = EntryColumns.selected("provider_id");
    private static final int MODEL_ID = EntryColumns.selected("model_id");
    private static final int PROMPT_HASH = EntryColumns.selected("prompt_hash");
    private static final int SCHEMA_VERSION = EntryColumns.selected("schema_version");
    private static final int TOKENS_USED = EntryColumns.selected("tokens_used");
    private static final int INPUT_TOKENS = EntryColumns.selected("input_tokens");
    private static final int OUTPUT_TOKENS = EntryColumns.selected("output_tokens");
    private static final int CACHED_INPUT_TOKENS = EntryColumns.selected("cached_input_tokens");
    private static final int CACHE_WRITE_TOKENS = EntryColumns.selected("cache_write_tokens");
    private static final int COST_NANOS = EntryColumns.selected("cost_nanos");
    private static final int FILE_SIZE = EntryColumns.selected("file_size");
    private static final int RESULT_BYTES = EntryColumns.selected("result_bytes");
    private static final int STORED_BYTES = EntryColumns.selected("stored_bytes");
    private static final int RESULT_ETAG = EntryColumns.selected("result_etag");
    private static final int CREATED_AT = EntryColumns.selected("created_at");
    private static final int LAST_ACCESSED_AT = EntryColumns.selected("last_accessed_at");
    private static final int ACCESS_COUNT = EntryColumns.selected("access_count");
    private static final int WRITTEN_BY_ID = EntryColumns.selected("written_by_id");

    static final RowMapper<Row> HEAD = (rs, n) -> row(rs, null);

    static final RowMapper<Row> WITH_RESULT = (rs, n) -> row(rs, rs.getBytes(EntryColumns.RESULT_POSITION));

    private EntryRows() {
    }

    /** One row as a served entry, with its names. */
    static StoredEntry resolve(Row row, Names names) {
        return resolve(List.of(row), names).get(0);
    }

    /** The rows as served entries, with their names read together. */
    static List<StoredEntry> resolve(List<Row> rows, Names names) {
        Map<Long, String> text = names(rows, names);
        List<StoredEntry> entries = new ArrayList<>(rows.size());
        for (Row row : rows) {
            entries.add(new StoredEntry(row.id(), row.costNanos(), metadata(row, text), EncodedResult.etag(row.etag()),
                    row.frame()));
        }
        return entries;
    }

    static Map<Long, String> names(List<Row> rows, Names names) {
        Set<Long> ids = new HashSet<>();
        rows.forEach(row -> row.addNameIds(ids));
        return names.names(ids);
    }

    static EntryMetadata metadata(Row row, Map<Long, String> names) {
        return new EntryMetadata(
                Hex.text(row.cacheKey()),
                Hex.text(row.legacyKey()),
                names.get(row.namespaceId()),
                names.get(row.cacheTypeId()),
                names.get(row.repoPathId()),
                row.filePath(),
                Hex.text(row.fileHash()),
                names.get(row.providerId()),
                names.get(row.modelId()),
                row.promptHash(),
                row.schemaVersion(),
                row.tokensUsed(),
                row.inputTokens(),
                row.outputTokens(),
                row.cachedInputTokens(),
                row.cacheWriteTokens(),
                Money.usd(row.costNanos()),
                row.fileSize(),
                row.resultBytes(),
                row.storedBytes(),
                Instant.ofEpochMilli(row.createdAt()),
                Instant.ofEpochMilli(row.lastAccessedAt()),
                row.accessCount(),
                row.writtenById() == null ? null : names.get(row.writtenById()));
    }

    private static Row row(ResultSet rs, byte[] frame) throws SQLException {
        return new Row(
                rs.getLong(ID),
                rs.getLong(NAMESPACE_ID),
                rs.getBytes(CACHE_KEY),
                rs.getBytes(LEGACY_KEY),
                rs.getLong(CACHE_TYPE_ID),
                rs.getLong(REPO_PATH_ID),
                text(rs, FILE_PATH),
                rs.getBytes(FILE_HASH),
                rs.getLong(PROVIDER_ID),
                rs.getLong(MODEL_ID),
                text(rs, PROMPT_HASH),
                rs.getInt(SCHEMA_VERSION),
                rs.getLong(TOKENS_USED),
                nullableLong(rs, INPUT_TOKENS),
                nullableLong(rs, OUTPUT_TOKENS),
                nullableLong(rs, CACHED_INPUT_TOKENS),
                nullableLong(rs, CACHE_WRITE_TOKENS),
                rs.getLong(COST_NANOS),
                nullableLong(rs, FILE_SIZE),
                rs.getLong(RESULT_BYTES),
                rs.getLong(STORED_BYTES),
                rs.getBytes(RESULT_ETAG),
                rs.getLong(CREATED_AT),
                rs.getLong(LAST_ACCESSED_AT),
                rs.getLong(ACCESS_COUNT),
                nullableLong(rs, WRITTEN_BY_ID),
                frame);
    }

    /**
     * A text column (not null), decoded here from its UTF-8 bytes: sqlite-jdbc's {@code getString} hands
     * the text over in a direct buffer made for each value, which cost twice as much per string (100 rows
     * of a batch, two strings each). PostgreSQL's driver gives a text column's bytes as they came, in UTF-8.
     */
    private static String text(ResultSet rs, int column) throws SQLException {
        return new String(rs.getBytes(column), StandardCharsets.UTF_8);
    }

    private static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }
}
