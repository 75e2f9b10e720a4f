-- Aggregates of what the entries table holds, kept exact by triggers on every path that writes
-- entries (store, replace, delete, clear, eviction, migration), so /stats never scans entries.
-- hits, misses and saved_nanos are added by the batched access flush.
CREATE TABLE type_stats (
    namespace    TEXT    NOT NULL,
    cache_type   TEXT    NOT NULL,
    entries      INTEGER NOT NULL DEFAULT 0,
    tokens       INTEGER NOT NULL DEFAULT 0,
    cost_nanos   INTEGER NOT NULL DEFAULT 0,
    file_size    INTEGER NOT NULL DEFAULT 0,
    result_bytes INTEGER NOT NULL DEFAULT 0,
    stored_bytes INTEGER NOT NULL DEFAULT 0,
    hits         INTEGER NOT NULL DEFAULT 0,
    misses       INTEGER NOT NULL DEFAULT 0,
    saved_nanos  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (namespace, cache_type)
);

CREATE TABLE model_stats (
    namespace  TEXT    NOT NULL,
    provider   TEXT    NOT NULL,
    model      TEXT    NOT NULL,
    entries    INTEGER NOT NULL DEFAULT 0,
    tokens     INTEGER NOT NULL DEFAULT 0,
    cost_nanos INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (namespace, provider, model)
);

CREATE TRIGGER entries_stats_insert AFTER INSERT ON entries
BEGIN
    INSERT INTO type_stats (namespace, cache_type, entries, tokens, cost_nanos, file_size, result_bytes, stored_bytes)
    VALUES (NEW.namespace, NEW.cache_type, 1, NEW.tokens_used, NEW.cost_nanos, coalesce(NEW.file_size, 0),
            NEW.result_bytes, NEW.stored_bytes)
    ON CONFLICT (namespace, cache_type) DO UPDATE SET
        entries = type_stats.entries + 1,
        tokens = type_stats.tokens + excluded.tokens,
        cost_nanos = type_stats.cost_nanos + excluded.cost_nanos,
        file_size = type_stats.file_size + excluded.file_size,
        result_bytes = type_stats.result_bytes + excluded.result_bytes,
        stored_bytes = type_stats.stored_bytes + excluded.stored_bytes;
    INSERT INTO model_stats (namespace, provider, model, entries, tokens, cost_nanos)
    VALUES (NEW.namespace, NEW.provider, NEW.model, 1, NEW.tokens_used, NEW.cost_nanos)
    ON CONFLICT (namespace, provider, model) DO UPDATE SET
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
    WHERE namespace = OLD.namespace AND cache_type = OLD.cache_type;
    UPDATE model_stats SET
        entries = entries - 1,
        tokens = tokens - OLD.tokens_used,
        cost_nanos = cost_nanos - OLD.cost_nanos
    WHERE namespace = OLD.namespace AND provider = OLD.provider AND model = OLD.model;
END;

CREATE TRIGGER entries_stats_update
AFTER UPDATE OF cache_type, provider, model, tokens_used, cost_nanos, file_size, result_bytes, stored_bytes ON entries
BEGIN
    UPDATE type_stats SET
        entries = entries - 1,
        tokens = tokens - OLD.tokens_used,
        cost_nanos = cost_nanos - OLD.cost_nanos,
        file_size = file_size - coalesce(OLD.file_size, 0),
        result_bytes = result_bytes - OLD.result_bytes,
        stored_bytes = stored_bytes - OLD.stored_bytes
    WHERE namespace = OLD.namespace AND cache_type = OLD.cache_type;
    UPDATE model_stats SET
        entries = entries - 1,
        tokens = tokens - OLD.tokens_used,
        cost_nanos = cost_nanos - OLD.cost_nanos
    WHERE namespace = OLD.namespace AND provider = OLD.provider AND model = OLD.model;
    INSERT INTO type_stats (namespace, cache_type, entries, tokens, cost_nanos, file_size, result_bytes, stored_bytes)
    VALUES (NEW.namespace, NEW.cache_type, 1, NEW.tokens_used, NEW.cost_nanos, coalesce(NEW.file_size, 0),
            NEW.result_bytes, NEW.stored_bytes)
    ON CONFLICT (namespace, cache_type) DO UPDATE SET
        entries = type_stats.entries + 1,
        tokens = type_stats.tokens + excluded.tokens,
        cost_nanos = type_stats.cost_nanos + excluded.cost_nanos,
        file_size = type_stats.file_size + excluded.file_size,
        result_bytes = type_stats.result_bytes + excluded.result_bytes,
        stored_bytes = type_stats.stored_bytes + excluded.stored_bytes;
    INSERT INTO model_stats (namespace, provider, model, entries, tokens, cost_nanos)
    VALUES (NEW.namespace, NEW.provider, NEW.model, 1, NEW.tokens_used, NEW.cost_nanos)
    ON CONFLICT (namespace, provider, model) DO UPDATE SET
        entries = model_stats.entries + 1,
        tokens = model_stats.tokens + excluded.tokens,
        cost_nanos = model_stats.cost_nanos + excluded.cost_nanos;
END;

-- The spend ledger: what was paid and saved, per UTC month. Written with the write (or the
-- access flush) that caused it and never touched by deletes, clears or eviction.
CREATE TABLE ledger (
    namespace   TEXT    NOT NULL,
    month       TEXT    NOT NULL,
    provider    TEXT    NOT NULL,
    model       TEXT    NOT NULL,
    cache_type  TEXT    NOT NULL,
    spent_nanos INTEGER NOT NULL DEFAULT 0,
    tokens      INTEGER NOT NULL DEFAULT 0,
    writes      INTEGER NOT NULL DEFAULT 0,
    hits        INTEGER NOT NULL DEFAULT 0,
    misses      INTEGER NOT NULL DEFAULT 0,
    saved_nanos INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (namespace, month, provider, model, cache_type)
);

-- A namespace's budget once changed through the API; until then the configured default holds.
CREATE TABLE budgets (
    namespace         TEXT    NOT NULL PRIMARY KEY,
    monthly_nanos     INTEGER NOT NULL,
    warning_threshold REAL    NOT NULL,
    alert_threshold   REAL    NOT NULL,
    updated_at        INTEGER NOT NULL
);
