-- The compact layout (issue 11): the same contract in a fraction of the bytes.
--  * Keys and hashes are binary: cache_key and file_hash 32 bytes, legacy_key 16 (or 32), the
--    result's ETag its 16 bytes; the server renders them as lowercase hex (the ETag in quotes).
--  * Repeated strings (namespace, cache type, repository path, file path, provider, model, prompt
--    hash, the writer's token name) are stored once in names and referenced by id. A name is never
--    changed nor deleted, so an id means the same string for ever, on every replica: the server
--    caches id -> name freely.
--  * Only the indices a query of the contract needs (see the comments below and the query-plan
--    tests in storage/QueryPlan*Tests).
--  * Fixed-width columns first, widest first, so that rows carry no alignment padding.
-- Existing rows are copied into the new layout in place; entry_results keeps its rows.

DROP TRIGGER entries_stats_insert ON entries;
DROP TRIGGER entries_stats_update ON entries;
DROP TRIGGER entries_stats_delete ON entries;
DROP FUNCTION entries_stats_row();
DROP FUNCTION entries_stats_delete();
DROP FUNCTION entry_stats_apply(entries, INTEGER);

CREATE TABLE names (
    id   INTEGER GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name TEXT    NOT NULL UNIQUE
);

INSERT INTO names (name)
SELECT namespace FROM entries UNION SELECT cache_type FROM entries UNION SELECT repo_path FROM entries
UNION SELECT file_path FROM entries UNION SELECT provider FROM entries UNION SELECT model FROM entries
UNION SELECT prompt_hash FROM entries
UNION SELECT namespace FROM type_stats UNION SELECT cache_type FROM type_stats
UNION SELECT namespace FROM model_stats UNION SELECT provider FROM model_stats UNION SELECT model FROM model_stats;

ALTER TABLE entry_results DROP CONSTRAINT entry_results_entry_id_fkey;
ALTER TABLE entries RENAME TO entries_v4;
ALTER INDEX entries_pkey RENAME TO entries_v4_pkey;
ALTER SEQUENCE entries_id_seq RENAME TO entries_v4_id_seq;

-- One row per cached result. Times are epoch milliseconds (UTC); money is nano-dollars. The
-- compressed result lives in entry_results, so that listing, statistics and eviction read small rows.
CREATE TABLE entries (
    id                  BIGINT           GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    created_at          BIGINT           NOT NULL,
    last_accessed_at    BIGINT           NOT NULL,
    access_count        BIGINT           NOT NULL DEFAULT 0,
    eviction_priority   DOUBLE PRECISION NOT NULL DEFAULT 0,
    tokens_used         BIGINT           NOT NULL,
    cost_nanos          BIGINT           NOT NULL,
    result_bytes        BIGINT           NOT NULL,
    stored_bytes        BIGINT           NOT NULL,
    file_size           BIGINT,
    input_tokens        BIGINT,
    output_tokens       BIGINT,
    cached_input_tokens BIGINT,
    cache_write_tokens  BIGINT,
    namespace_id        INTEGER          NOT NULL,
    cache_type_id       INTEGER          NOT NULL,
    repo_path_id        INTEGER          NOT NULL,
    file_path_id        INTEGER          NOT NULL,
    provider_id         INTEGER          NOT NULL,
    model_id            INTEGER          NOT NULL,
    prompt_hash_id      INTEGER          NOT NULL,
    schema_version      INTEGER          NOT NULL,
    written_by_id       INTEGER,
    cache_key           BYTEA            NOT NULL,
    file_hash           BYTEA            NOT NULL,
    result_etag         BYTEA            NOT NULL,
    legacy_key          BYTEA
);

INSERT INTO entries (id, created_at, last_accessed_at, access_count, eviction_priority, tokens_used, cost_nanos,
                     result_bytes, stored_bytes, file_size, input_tokens, output_tokens, namespace_id, cache_type_id,
                     repo_path_id, file_path_id, provider_id, model_id, prompt_hash_id, schema_version, cache_key,
                     file_hash, result_etag, legacy_key)
OVERRIDING SYSTEM VALUE
SELECT e.id, e.created_at, e.last_accessed_at, e.access_count, e.eviction_priority, e.tokens_used, e.cost_nanos,
       e.result_bytes, e.stored_bytes, e.file_size, e.input_tokens, e.output_tokens, ns.id, ct.id, rp.id, fp.id,
       pv.id, md.id, ph.id, e.schema_version, decode(e.cache_key, 'hex'), decode(e.file_hash, 'hex'),
       decode(substr(e.result_etag, 2, length(e.result_etag) - 2), 'hex'), -- "<32 hex>" -> 16 bytes
       decode(e.legacy_key, 'hex')
FROM entries_v4 e
JOIN names ns ON ns.name = e.namespace
JOIN names ct ON ct.name = e.cache_type
JOIN names rp ON rp.name = e.repo_path
JOIN names fp ON fp.name = e.file_path
JOIN names pv ON pv.name = e.provider
JOIN names md ON md.name = e.model
JOIN names ph ON ph.name = e.prompt_hash
ORDER BY e.id;
SELECT setval(pg_get_serial_sequence('entries', 'id'), coalesce((SELECT max(id) FROM entries), 0) + 1, false);

DROP TABLE entries_v4;
ALTER TABLE entry_results ADD CONSTRAINT entry_results_entry_id_fkey
    FOREIGN KEY (entry_id) REFERENCES entries (id) ON DELETE CASCADE;

-- GET by key, and the upsert's conflict target.
CREATE UNIQUE INDEX entries_key ON entries (namespace_id, cache_key);
-- GET by legacy key (imported entries only).
CREATE INDEX entries_legacy_key ON entries (namespace_id, legacy_key) WHERE legacy_key IS NOT NULL;
-- Listing, newest first in cursor order, unfiltered and filtered by cacheType, provider, model or
-- repoPath: those filters are index conditions checked on the index entries, without visiting a
-- row that does not match, so they share this index (docs/storage.md has the timings). Also the
-- clear-by-filter delete.
CREATE INDEX entries_list ON entries (namespace_id, created_at, id, cache_type_id, provider_id, model_id, repo_path_id);
-- Listing (and clearing) by filePath: a path matches a handful of entries, so it needs its own index.
CREATE INDEX entries_list_file ON entries (namespace_id, file_path_id, created_at, id);
-- Eviction across all namespaces, ties broken by id: OLDEST, LRU and idle expiry, LARGEST, COST_AWARE.
CREATE INDEX entries_created ON entries (created_at, id);
CREATE INDEX entries_last_access ON entries (last_accessed_at, id);
CREATE INDEX entries_size ON entries (stored_bytes DESC, id);
CREATE INDEX entries_priority ON entries (eviction_priority, id);

-- The aggregates keyed by ids, like the entries they add up.
CREATE TABLE type_stats_v5 (
    namespace_id  INTEGER NOT NULL,
    cache_type_id INTEGER NOT NULL,
    entries       BIGINT  NOT NULL DEFAULT 0,
    tokens        BIGINT  NOT NULL DEFAULT 0,
    cost_nanos    BIGINT  NOT NULL DEFAULT 0,
    file_size     BIGINT  NOT NULL DEFAULT 0,
    result_bytes  BIGINT  NOT NULL DEFAULT 0,
    stored_bytes  BIGINT  NOT NULL DEFAULT 0,
    hits          BIGINT  NOT NULL DEFAULT 0,
    misses        BIGINT  NOT NULL DEFAULT 0,
    saved_nanos   BIGINT  NOT NULL DEFAULT 0,
    CONSTRAINT type_stats_v5_pkey PRIMARY KEY (namespace_id, cache_type_id)
);
INSERT INTO type_stats_v5 (namespace_id, cache_type_id, entries, tokens, cost_nanos, file_size, result_bytes,
                           stored_bytes, hits, misses, saved_nanos)
SELECT ns.id, ct.id, t.entries, t.tokens, t.cost_nanos, t.file_size, t.result_bytes, t.stored_bytes, t.hits, t.misses,
       t.saved_nanos
FROM type_stats t JOIN names ns ON ns.name = t.namespace JOIN names ct ON ct.name = t.cache_type;
DROP TABLE type_stats;
ALTER TABLE type_stats_v5 RENAME TO type_stats;
ALTER INDEX type_stats_v5_pkey RENAME TO type_stats_pkey;

CREATE TABLE model_stats_v5 (
    namespace_id INTEGER NOT NULL,
    provider_id  INTEGER NOT NULL,
    model_id     INTEGER NOT NULL,
    entries      BIGINT  NOT NULL DEFAULT 0,
    tokens       BIGINT  NOT NULL DEFAULT 0,
    cost_nanos   BIGINT  NOT NULL DEFAULT 0,
    CONSTRAINT model_stats_v5_pkey PRIMARY KEY (namespace_id, provider_id, model_id)
);
INSERT INTO model_stats_v5 (namespace_id, provider_id, model_id, entries, tokens, cost_nanos)
SELECT ns.id, pv.id, md.id, m.entries, m.tokens, m.cost_nanos
FROM model_stats m JOIN names ns ON ns.name = m.namespace JOIN names pv ON pv.name = m.provider
JOIN names md ON md.name = m.model;
DROP TABLE model_stats;
ALTER TABLE model_stats_v5 RENAME TO model_stats;
ALTER INDEX model_stats_v5_pkey RENAME TO model_stats_pkey;

-- The triggers of V2 on the new columns: every path that writes entries (store, replace, delete,
-- clear, eviction, migration) keeps the aggregates exact, so /stats never scans entries.
-- Adds (sign 1) or removes (sign -1) one entry's figures.
CREATE FUNCTION entry_stats_apply(e entries, sign INTEGER) RETURNS void LANGUAGE sql AS $$
    INSERT INTO type_stats AS t (namespace_id, cache_type_id, entries, tokens, cost_nanos, file_size, result_bytes,
                                 stored_bytes)
    VALUES (e.namespace_id, e.cache_type_id, sign, sign * e.tokens_used, sign * e.cost_nanos,
            sign * coalesce(e.file_size, 0), sign * e.result_bytes, sign * e.stored_bytes)
    ON CONFLICT (namespace_id, cache_type_id) DO UPDATE SET
        entries = t.entries + excluded.entries,
        tokens = t.tokens + excluded.tokens,
        cost_nanos = t.cost_nanos + excluded.cost_nanos,
        file_size = t.file_size + excluded.file_size,
        result_bytes = t.result_bytes + excluded.result_bytes,
        stored_bytes = t.stored_bytes + excluded.stored_bytes;
    INSERT INTO model_stats AS m (namespace_id, provider_id, model_id, entries, tokens, cost_nanos)
    VALUES (e.namespace_id, e.provider_id, e.model_id, sign, sign * e.tokens_used, sign * e.cost_nanos)
    ON CONFLICT (namespace_id, provider_id, model_id) DO UPDATE SET
        entries = m.entries + excluded.entries,
        tokens = m.tokens + excluded.tokens,
        cost_nanos = m.cost_nanos + excluded.cost_nanos;
$$;

CREATE FUNCTION entries_stats_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        PERFORM entry_stats_apply(OLD, -1);
    END IF;
    PERFORM entry_stats_apply(NEW, 1);
    RETURN NULL;
END
$$;

-- Deletes come in bulk (clear, eviction): aggregate the deleted rows once per statement.
CREATE FUNCTION entries_stats_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE type_stats t SET
        entries = t.entries - d.n,
        tokens = t.tokens - d.tokens,
        cost_nanos = t.cost_nanos - d.cost_nanos,
        file_size = t.file_size - d.file_size,
        result_bytes = t.result_bytes - d.result_bytes,
        stored_bytes = t.stored_bytes - d.stored_bytes
    FROM (SELECT namespace_id, cache_type_id, count(*) AS n, sum(tokens_used) AS tokens, sum(cost_nanos) AS cost_nanos,
                 sum(coalesce(file_size, 0)) AS file_size, sum(result_bytes) AS result_bytes,
                 sum(stored_bytes) AS stored_bytes
          FROM old_rows GROUP BY namespace_id, cache_type_id) d
    WHERE t.namespace_id = d.namespace_id AND t.cache_type_id = d.cache_type_id;
    UPDATE model_stats m SET
        entries = m.entries - d.n,
        tokens = m.tokens - d.tokens,
        cost_nanos = m.cost_nanos - d.cost_nanos
    FROM (SELECT namespace_id, provider_id, model_id, count(*) AS n, sum(tokens_used) AS tokens,
                 sum(cost_nanos) AS cost_nanos
          FROM old_rows GROUP BY namespace_id, provider_id, model_id) d
    WHERE m.namespace_id = d.namespace_id AND m.provider_id = d.provider_id AND m.model_id = d.model_id;
    RETURN NULL;
END
$$;

CREATE TRIGGER entries_stats_insert AFTER INSERT ON entries
    FOR EACH ROW EXECUTE FUNCTION entries_stats_row();
CREATE TRIGGER entries_stats_update
    AFTER UPDATE OF cache_type_id, provider_id, model_id, tokens_used, cost_nanos, file_size, result_bytes, stored_bytes
    ON entries
    FOR EACH ROW EXECUTE FUNCTION entries_stats_row();
CREATE TRIGGER entries_stats_delete AFTER DELETE ON entries
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION entries_stats_delete();
