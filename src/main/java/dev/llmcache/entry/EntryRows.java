package dev.llmcache.entry;

import dev.llmcache.pricing.Money;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.springframework.jdbc.core.RowMapper;

/** The entries table's columns and row mappers, shared by the queries that read entries. */
final class EntryRows {

    static final String METADATA_COLUMNS = """
            e.id, e.namespace, e.cache_key, e.legacy_key, e.cache_type, e.repo_path, e.file_path, e.file_hash,
            e.provider, e.model, e.prompt_hash, e.schema_version, e.tokens_used, e.input_tokens, e.output_tokens,
            e.cost_nanos, e.file_size, e.result_bytes, e.stored_bytes, e.result_etag, e.created_at,
            e.last_accessed_at, e.access_count""";

    static final RowMapper<EntryMetadata> METADATA = (rs, row) -> metadata(rs);

    static final RowMapper<StoredEntry> HEAD = (rs, row) ->
            new StoredEntry(rs.getLong("id"), rs.getLong("cost_nanos"), metadata(rs), rs.getString("result_etag"), null);

    static final RowMapper<StoredEntry> WITH_RESULT = (rs, row) ->
            new StoredEntry(rs.getLong("id"), rs.getLong("cost_nanos"), metadata(rs), rs.getString("result_etag"), rs.getBytes("result"));

    static final RowMapper<EntryCursor> CURSOR = (rs, row) -> new EntryCursor(rs.getLong("created_at"), rs.getLong("id"));

    private EntryRows() {
    }

    private static EntryMetadata metadata(ResultSet rs) throws SQLException {
        return new EntryMetadata(
                rs.getString("cache_key"),
                rs.getString("legacy_key"),
                rs.getString("namespace"),
                rs.getString("cache_type"),
                rs.getString("repo_path"),
                rs.getString("file_path"),
                rs.getString("file_hash"),
                rs.getString("provider"),
                rs.getString("model"),
                rs.getString("prompt_hash"),
                rs.getInt("schema_version"),
                rs.getLong("tokens_used"),
                nullableLong(rs, "input_tokens"),
                nullableLong(rs, "output_tokens"),
                Money.usd(rs.getLong("cost_nanos")),
                nullableLong(rs, "file_size"),
                rs.getLong("result_bytes"),
                rs.getLong("stored_bytes"),
                Instant.ofEpochMilli(rs.getLong("created_at")),
                Instant.ofEpochMilli(rs.getLong("last_accessed_at")),
                rs.getLong("access_count"));
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }
}
