package dev.llmcache.entry;

import dev.llmcache.pricing.Money;
import dev.llmcache.support.Hex;
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

    /** An entry as read, its names still ids. */
    record Row(long id, long namespaceId, byte[] cacheKey, byte[] legacyKey, long cacheTypeId, long repoPathId,
            long filePathId, byte[] fileHash, long providerId, long modelId, long promptHashId, int schemaVersion,
            long tokensUsed, Long inputTokens, Long outputTokens, Long cachedInputTokens, Long cacheWriteTokens,
            long costNanos, Long fileSize, long resultBytes, long storedBytes, byte[] etag, long createdAt,
            long lastAccessedAt, long accessCount, Long writtenById, byte[] frame) {

        void addNameIds(Set<Long> ids) {
            ids.add(namespaceId);
            ids.add(cacheTypeId);
            ids.add(repoPathId);
            ids.add(filePathId);
            ids.add(providerId);
            ids.add(modelId);
            ids.add(promptHashId);
            if (writtenById != null) {
                ids.add(writtenById);
            }
        }

        EntryCursor cursor() {
            return new EntryCursor(createdAt, id);
        }
    }

    static final RowMapper<Row> HEAD = (rs, n) -> row(rs, null);

    static final RowMapper<Row> WITH_RESULT = (rs, n) -> row(rs, rs.getBytes("result"));

    private EntryRows() {
    }

    /** The rows as served entries, with their names. */
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
                names.get(row.filePathId()),
                Hex.text(row.fileHash()),
                names.get(row.providerId()),
                names.get(row.modelId()),
                names.get(row.promptHashId()),
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
                rs.getLong("id"),
                rs.getLong("namespace_id"),
                rs.getBytes("cache_key"),
                rs.getBytes("legacy_key"),
                rs.getLong("cache_type_id"),
                rs.getLong("repo_path_id"),
                rs.getLong("file_path_id"),
                rs.getBytes("file_hash"),
                rs.getLong("provider_id"),
                rs.getLong("model_id"),
                rs.getLong("prompt_hash_id"),
                rs.getInt("schema_version"),
                rs.getLong("tokens_used"),
                nullableLong(rs, "input_tokens"),
                nullableLong(rs, "output_tokens"),
                nullableLong(rs, "cached_input_tokens"),
                nullableLong(rs, "cache_write_tokens"),
                rs.getLong("cost_nanos"),
                nullableLong(rs, "file_size"),
                rs.getLong("result_bytes"),
                rs.getLong("stored_bytes"),
                rs.getBytes("result_etag"),
                rs.getLong("created_at"),
                rs.getLong("last_accessed_at"),
                rs.getLong("access_count"),
                nullableLong(rs, "written_by_id"),
                frame);
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }
}
