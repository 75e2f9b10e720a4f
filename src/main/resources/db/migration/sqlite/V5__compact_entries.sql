-- The compact layout (issue 11): the same contract in a fraction of the bytes.
--  * Keys and hashes are binary: cache_key and file_hash 32 bytes, legacy_key 16 (or 32), the
--    result's ETag its 16 bytes; the server renders them as lowercase hex (the ETag in quotes).
--  * Repeated strings (namespace, cache type, repository path, file path, provider, model, prompt
--    hash, the writer's token name) are stored once in names and referenced by id. A name is never
--    changed nor deleted, so an id means the same string for ever, on every replica: the server
--    caches id -> name freely.
--  * Only the indices a query of the contract needs (see the comments below and the query-plan
--    tests in storage/QueryPlan*Tests). SQLite ends every index with the rowid, so "ORDER BY x, id"
--    is served by an index on (x) alone.
-- Existing rows are copied into the new layout in place; the pages of the old tables become free
-- pages of the file, reused by new rows (and given back to the file system by eviction's reclaim).

DROP TRIGGER entries_stats_insert;
DROP TRIGGER entries_stats_delete;
DROP TRIGGER entries_stats_update;

CREATE TABLE names (
    id   INTEGER PRIMARY KEY,
    name TEXT    NOT NULL UNIQUE
);

INSERT INTO names (name)
SELECT namespace FROM entries UNION SELECT cache_type FROM entries UNION SELECT repo_path FROM entries
UNION SELECT file_path FROM entries UNION SELECT provider FROM entries UNION SELECT model FROM entries
UNION SELECT prompt_hash FROM entries
UNION SELECT namespace FROM type_stats UNION SELECT cache_type FROM type_stats
UNION SELECT namespace FROM model_stats UNION SELECT provider FROM model_stats UNION SELECT model FROM model_stats;

DROP INDEX entries_legacy_key;
DROP INDEX entries_list;
DROP INDEX entries_list_type;
DROP INDEX entries_list_repo;
DROP INDEX entries_list_file;
DROP INDEX entries_list_provider;
DROP INDEX entries_list_model;
DROP INDEX entries_created;
DROP INDEX entries_last_access;
DROP INDEX entries_priority;
DROP INDEX entries_size;

-- One row per cached result. Times are epoch milliseconds (UTC); money is nano-dollars. The
-- compressed result lives in entry_results, so that listing, statistics and eviction read small rows.
CREATE TABLE entries_v5 (
    id                  INTEGER PRIMARY KEY,
    namespace_id        INTEGER NOT NULL,
    cache_key           BLOB    NOT NULL,
    legacy_key          BLOB,
    cache_type_id       INTEGER NOT NULL,
    repo_path_id        INTEGER NOT NULL,
    file_path_id        INTEGER NOT NULL,
    file_hash           BLOB    NOT NULL,
    provider_id         INTEGER NOT NULL,
    model_id            INTEGER NOT NULL,
    prompt_hash_id      INTEGER NOT NULL,
    schema_version      INTEGER NOT NULL,
    tokens_used         INTEGER NOT NULL,
    input_tokens        INTEGER,
    output_tokens       INTEGER,
    cached_input_tokens INTEGER,
    cache_write_tokens  INTEGER,
    cost_nanos          INTEGER NOT NULL,
    file_size           INTEGER,
    result_bytes        INTEGER NOT NULL,
    stored_bytes        INTEGER NOT NULL,
    result_etag         BLOB    NOT NULL,
    created_at          INTEGER NOT NULL,
    last_accessed_at    INTEGER NOT NULL,
    access_count        INTEGER NOT NULL DEFAULT 0,
    eviction_priority   REAL    NOT NULL DEFAULT 0,
    written_by_id       INTEGER
);

INSERT INTO entries_v5 (id, namespace_id, cache_key, legacy_key, cache_type_id, repo_path_id, file_path_id, file_hash,
                     provider_id, model_id, prompt_hash_id, schema_version, tokens_used, input_tokens, output_tokens,
                     cost_nanos, file_size, result_bytes, stored_bytes, result_etag, created_at, last_accessed_at,
                     access_count, eviction_priority)
SELECT e.id,
       (SELECT id FROM names WHERE name = e.namespace),
       unhex(e.cache_key),
       unhex(e.legacy_key),
       (SELECT id FROM names WHERE name = e.cache_type),
       (SELECT id FROM names WHERE name = e.repo_path),
       (SELECT id FROM names WHERE name = e.file_path),
       unhex(e.file_hash),
       (SELECT id FROM names WHERE name = e.provider),
       (SELECT id FROM names WHERE name = e.model),
       (SELECT id FROM names WHERE name = e.prompt_hash),
       e.schema_version, e.tokens_used, e.input_tokens, e.output_tokens, e.cost_nanos, e.file_size, e.result_bytes,
       e.stored_bytes,
       unhex(substr(e.result_etag, 2, length(e.result_etag) - 2)), -- "<32 hex>" -> 16 bytes
       e.created_at, e.last_accessed_at, e.access_count, e.eviction_priority
FROM entries e ORDER BY e.id;

-- The results move too: SQLite cannot re-point a foreign key, and dropping the old entries table
-- while its results still referred to it would delete them all (ON DELETE CASCADE).
CREATE TABLE entry_results_v5 (
    entry_id INTEGER PRIMARY KEY REFERENCES entries_v5 (id) ON DELETE CASCADE,
    result   BLOB    NOT NULL
);
INSERT INTO entry_results_v5 (entry_id, result) SELECT entry_id, result FROM entry_results ORDER BY entry_id;
DROP TABLE entry_results;
DROP TABLE entries;
-- Renaming the parent re-points the foreign key of entry_results_v5 at "entries".
ALTER TABLE entries_v5 RENAME TO entries;
ALTER TABLE entry_results_v5 RENAME TO entry_results;

-- GET by key, and the upsert's conflict target.
CREATE UNIQUE INDEX entries_key ON entries (namespace_id, cache_key);
-- GET by legacy key (imported entries only).
CREATE INDEX entries_legacy_key ON entries (namespace_id, legacy_key) WHERE legacy_key IS NOT NULL;
-- Listing, newest first in cursor order (created_at, then the rowid), unfiltered and filtered by
-- cacheType, provider, model or repoPath: those filters are checked on the index entries, without
-- reading a row that does not match, so they share this index (docs/storage.md has the timings).
-- The explicit id keeps the cursor order ahead of the filter columns. Also the clear-by-filter delete.
CREATE INDEX entries_list ON entries (namespace_id, created_at, id, cache_type_id, provider_id, model_id, repo_path_id);
-- Listing (and clearing) by filePath: a path matches a handful of entries, so it needs its own index.
CREATE INDEX entries_list_file ON entries (namespace_id, file_path_id, created_at);
-- Eviction across all namespaces: OLDEST, LRU and idle expiry, LARGEST, COST_AWARE.
CREATE INDEX entries_created ON entries (created_at);
CREATE INDEX entries_last_access ON entries (last_accessed_at);
CREATE INDEX entries_size ON entries (stored_bytes DESC);
CREATE INDEX entries_priority ON entries (eviction_priority);

-- The aggregates keyed by ids, like the entries they add up.
CREATE TABLE type_stats_v5 (
    namespace_id  INTEGER NOT NULL,
    cache_type_id INTEGER NOT NULL,
    entries       INTEGER NOT NULL DEFAULT 0,
    tokens        INTEGER NOT NULL DEFAULT 0,
    cost_nanos    INTEGER NOT NULL DEFAULT 0,
    file_size     INTEGER NOT NULL DEFAULT 0,
    result_bytes  INTEGER NOT NULL DEFAULT 0,
    stored_bytes  INTEGER NOT NULL DEFAULT 0,
    hits          INTEGER NOT NULL DEFAULT 0,
    misses        INTEGER NOT NULL DEFAULT 0,
    saved_nanos   INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (namespace_id, cache_type_id)
);
INSERT INTO type_stats_v5 (namespace_id, cache_type_id, entries, tokens, cost_nanos, file_size, result_bytes,
                           stored_bytes, hits, misses, saved_nanos)
SELECT (SELECT id FROM names WHERE name = t.namespace), (SELECT id FROM names WHERE name = t.cache_type),
       t.entries, t.tokens, t.cost_nanos, t.file_size, t.result_bytes, t.stored_bytes, t.hits, t.misses, t.saved_nanos
FROM type_stats t;
DROP TABLE type_stats;
ALTER TABLE type_stats_v5 RENAME TO type_stats;

CREATE TABLE model_stats_v5 (
    namespace_id INTEGER NOT NULL,
    provider_id  INTEGER NOT NULL,
    model_id     INTEGER NOT NULL,
    entries      INTEGER NOT NULL DEFAULT 0,
    tokens       INTEGER NOT NULL DEFAULT 0,
    cost_nanos   INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (namespace_id, provider_id, model_id)
);
INSERT INTO model_stats_v5 (namespace_id, provider_id, model_id, entries, tokens, cost_nanos)
SELECT (SELECT id FROM names WHERE name = m.namespace), (SELECT id FROM names WHERE name = m.provider),
       (SELECT id FROM names WHERE name = m.model), m.entries, m.tokens, m.cost_nanos
FROM model_stats m;
DROP TABLE model_stats;
ALTER TABLE model_stats_v5 RENAME TO model_stats;

-- The triggers of V2 on the new columns: every path that writes entries (store, replace, delete,
-- clear, eviction, migration) keeps the aggregates exact, so /stats never scans entries.
CREATE TRIGGER entries_stats_insert AFTER INSERT ON entries
BEGIN
    INSERT INTO type_stats (namespace_id, cache_type_id, entries, tokens, cost_nanos, file_size, result_bytes, stored_bytes)
    VALUES (NEW.namespace_id, NEW.cache_type_id, 1, NEW.tokens_used, NEW.cost_nanos, coalesce(NEW.file_size, 0),
            NEW.result_bytes, NEW.stored_bytes)
    ON CONFLICT (namespace_id, cache_type_id) DO UPDATE SET
        entries = type_stats.entries + 1,
        tokens = type_stats.tokens + excluded.tokens,
        cost_nanos = type_stats.cost_nanos + excluded.cost_nanos,
        file_size = type_stats.file_size + excluded.file_size,
        result_bytes = type_stats.result_bytes + excluded.result_bytes,
        stored_bytes = type_stats.stored_bytes + excluded.stored_bytes;
    INSERT INTO model_stats (namespace_id, provider_id, model_id, entries, tokens, cost_nanos)
    VALUES (NEW.namespace_id, NEW.provider_id, NEW.model_id, 1, NEW.tokens_used, NEW.cost_nanos)
    ON CONFLICT (namespace_id, provider_id, model_id) DO UPDATE SET
        entries = model_stats.entries + 1,
        tokens = model_stats.tokens + excluded.tokens,
        cost_nanos = model_stats.cost_nanos + excluded.cost_nanos;
END;

CREATE TRIGGER entries_stats_delete AFTER DELETE ON entries
BEGIN
    UPDATE type_stats SET
        entries = entries - 1,
        tokens = tokens - OLD.tokens_used,
        cost_nanos = cost_nanos - OLD.cost_nanos,
        file_size = file_size - coalesce(OLD.file_size, 0),
        result_bytes = result_bytes - OLD.result_bytes,
        stored_bytes = stored_bytes - OLD.stored_bytes
    WHERE namespace_id = OLD.namespace_id AND cache_type_id = OLD.cache_type_id;
    UPDATE model_stats SET
        entries = entries - 1,
        tokens = tokens - OLD.tokens_used,
        cost_nanos = cost_nanos - OLD.cost_nanos
    WHERE namespace_id = OLD.namespace_id AND provider_id = OLD.provider_id AND model_id = OLD.model_id;
END;

CREATE TRIGGER entries_stats_update
AFTER UPDATE OF cache_type_id, provider_id, model_id, tokens_used, cost_nanos, file_size, result_bytes, stored_bytes ON entries
BEGIN
    UPDATE type_stats SET
        entries = entries - 1,
        tokens = tokens - OLD.tokens_used,
        cost_nanos = cost_nanos - OLD.cost_nanos,
        file_size = file_size - coalesce(OLD.file_size, 0),
        result_bytes = result_bytes - OLD.result_bytes,
        stored_bytes = stored_bytes - OLD.stored_bytes
    WHERE namespace_id = OLD.namespace_id AND cache_type_id = OLD.cache_type_id;
    UPDATE model_stats SET
        entries = entries - 1,
        tokens = tokens - OLD.tokens_used,
        cost_nanos = cost_nanos - OLD.cost_nanos
    WHERE namespace_id = OLD.namespace_id AND provider_id = OLD.provider_id AND model_id = OLD.model_id;
    INSERT INTO type_stats (namespace_id, cache_type_id, entries, tokens, cost_nanos, file_size, result_bytes, stored_bytes)
    VALUES (NEW.namespace_id, NEW.cache_type_id, 1, NEW.tokens_used, NEW.cost_nanos, coalesce(NEW.file_size, 0),
            NEW.result_bytes, NEW.stored_bytes)
    ON CONFLICT (namespace_id, cache_type_id) DO UPDATE SET
        entries = type_stats.entries + 1,
        tokens = type_stats.tokens + excluded.tokens,
        cost_nanos = type_stats.cost_nanos + excluded.cost_nanos,
        file_size = type_stats.file_size + excluded.file_size,
        result_bytes = type_stats.result_bytes + excluded.result_bytes,
        stored_bytes = type_stats.stored_bytes + excluded.stored_bytes;
    INSERT INTO model_stats (namespace_id, provider_id, model_id, entries, tokens, cost_nanos)
    VALUES (NEW.namespace_id, NEW.provider_id, NEW.model_id, 1, NEW.tokens_used, NEW.cost_nanos)
    ON CONFLICT (namespace_id, provider_id, model_id) DO UPDATE SET
        entries = model_stats.entries + 1,
        tokens = model_stats.tokens + excluded.tokens,
        cost_nanos = model_stats.cost_nanos + excluded.cost_nanos;
END;
