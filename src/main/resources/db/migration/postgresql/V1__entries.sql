-- One row per cached result. Times are epoch milliseconds (UTC); money is nano-dollars, so sums
-- stay exact. The compressed result lives in its own table so that listing, statistics and
-- eviction scan small rows and never page through result blobs.
CREATE TABLE entries (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    namespace        TEXT    NOT NULL,
    cache_key        TEXT    NOT NULL,
    legacy_key       TEXT,
    cache_type       TEXT    NOT NULL,
    repo_path        TEXT    NOT NULL,
    file_path        TEXT    NOT NULL,
    file_hash        TEXT    NOT NULL,
    provider         TEXT    NOT NULL,
    model            TEXT    NOT NULL,
    prompt_hash      TEXT    NOT NULL,
    schema_version   INTEGER NOT NULL,
    tokens_used      BIGINT  NOT NULL,
    input_tokens     BIGINT,
    output_tokens    BIGINT,
    cost_nanos       BIGINT  NOT NULL,
    file_size        BIGINT,
    result_bytes     BIGINT  NOT NULL,
    stored_bytes     BIGINT  NOT NULL,
    result_etag      TEXT    NOT NULL,
    created_at       BIGINT  NOT NULL,
    last_accessed_at BIGINT  NOT NULL,
    access_count     BIGINT  NOT NULL DEFAULT 0,
    CONSTRAINT entries_namespace_key UNIQUE (namespace, cache_key)
);

CREATE TABLE entry_results (
    entry_id BIGINT PRIMARY KEY REFERENCES entries (id) ON DELETE CASCADE,
    result   BYTEA  NOT NULL
);
-- Already zstd-compressed: do not let TOAST try to compress it again.
ALTER TABLE entry_results ALTER COLUMN result SET STORAGE EXTERNAL;

-- GET by legacy key.
CREATE INDEX entries_legacy_key ON entries (namespace, legacy_key) WHERE legacy_key IS NOT NULL;
-- Listing, newest first, unfiltered and by each filter, in cursor order.
CREATE INDEX entries_list ON entries (namespace, created_at, id);
CREATE INDEX entries_list_type ON entries (namespace, cache_type, created_at, id);
CREATE INDEX entries_list_repo ON entries (namespace, repo_path, created_at, id);
CREATE INDEX entries_list_file ON entries (namespace, file_path, created_at, id);
CREATE INDEX entries_list_provider ON entries (namespace, provider, created_at, id);
CREATE INDEX entries_list_model ON entries (namespace, model, created_at, id);
-- Eviction and idle expiry across all namespaces.
CREATE INDEX entries_created ON entries (created_at, id);
CREATE INDEX entries_last_access ON entries (last_accessed_at, id);
