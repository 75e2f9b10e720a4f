package dev.llmcache.entry;

import dev.llmcache.pricing.Money;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.springframework.jdbc.core.RowMapper;

/** The row mappers of the queries that read entries (which select {@link EntryColumns#SELECTED}). */
final class EntryRows {

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
