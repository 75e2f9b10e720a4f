-- Aggregates of what the entries table holds, kept exact by triggers on every path that writes
-- entries (store, replace, delete, clear, eviction, migration), so /stats never scans entries.
-- hits, misses and saved_nanos are added by the batched access flush.
CREATE TABLE type_stats (
    namespace    TEXT   NOT NULL,
    cache_type   TEXT   NOT NULL,
    entries      BIGINT NOT NULL DEFAULT 0,
    tokens       BIGINT NOT NULL DEFAULT 0,
    cost_nanos   BIGINT NOT NULL DEFAULT 0,
    file_size    BIGINT NOT NULL DEFAULT 0,
    result_bytes BIGINT NOT NULL DEFAULT 0,
    stored_bytes BIGINT NOT NULL DEFAULT 0,
    hits         BIGINT NOT NULL DEFAULT 0,
    misses       BIGINT NOT NULL DEFAULT 0,
    saved_nanos  BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (namespace, cache_type)
);

CREATE TABLE model_stats (
    namespace  TEXT   NOT NULL,
    provider   TEXT   NOT NULL,
    model      TEXT   NOT NULL,
    entries    BIGINT NOT NULL DEFAULT 0,
    tokens     BIGINT NOT NULL DEFAULT 0,
    cost_nanos BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (namespace, provider, model)
);

-- Adds (sign 1) or removes (sign -1) one entry's figures.
CREATE FUNCTION entry_stats_apply(e entries, sign INTEGER) RETURNS void LANGUAGE sql AS $$
    INSERT INTO type_stats AS t (namespace, cache_type, entries, tokens, cost_nanos, file_size, result_bytes, stored_bytes)
    VALUES (e.namespace, e.cache_type, sign, sign * e.tokens_used, sign * e.cost_nanos,
            sign * coalesce(e.file_size, 0), sign * e.result_bytes, sign * e.stored_bytes)
    ON CONFLICT (namespace, cache_type) DO UPDATE SET
        entries = t.entries + excluded.entries,
        tokens = t.tokens + excluded.tokens,
        cost_nanos = t.cost_nanos + excluded.cost_nanos,
        file_size = t.file_size + excluded.file_size,
        result_bytes = t.result_bytes + excluded.result_bytes,
        stored_bytes = t.stored_bytes + excluded.stored_bytes;
    INSERT INTO model_stats AS m (namespace, provider, model, entries, tokens, cost_nanos)
    VALUES (e.namespace, e.provider, e.model, sign, sign * e.tokens_used, sign * e.cost_nanos)
    ON CONFLICT (namespace, provider, model) DO UPDATE SET
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
    FROM (SELECT namespace, cache_type, count(*) AS n, sum(tokens_used) AS tokens, sum(cost_nanos) AS cost_nanos,
                 sum(coalesce(file_size, 0)) AS file_size, sum(result_bytes) AS result_bytes,
                 sum(stored_bytes) AS stored_bytes
          FROM old_rows GROUP BY namespace, cache_type) d
    WHERE t.namespace = d.namespace AND t.cache_type = d.cache_type;
    UPDATE model_stats m SET
        entries = m.entries - d.n,
        tokens = m.tokens - d.tokens,
        cost_nanos = m.cost_nanos - d.cost_nanos
    FROM (SELECT namespace, provider, model, count(*) AS n, sum(tokens_used) AS tokens, sum(cost_nanos) AS cost_nanos
          FROM old_rows GROUP BY namespace, provider, model) d
    WHERE m.namespace = d.namespace AND m.provider = d.provider AND m.model = d.model;
    RETURN NULL;
END
$$;

CREATE TRIGGER entries_stats_insert AFTER INSERT ON entries
    FOR EACH ROW EXECUTE FUNCTION entries_stats_row();
CREATE TRIGGER entries_stats_update
    AFTER UPDATE OF cache_type, provider, model, tokens_used, cost_nanos, file_size, result_bytes, stored_bytes ON entries
    FOR EACH ROW EXECUTE FUNCTION entries_stats_row();
CREATE TRIGGER entries_stats_delete AFTER DELETE ON entries
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION entries_stats_delete();

-- The spend ledger: what was paid and saved, per UTC month. Written with the write (or the
-- access flush) that caused it and never touched by deletes, clears or eviction.
CREATE TABLE ledger (
    namespace   TEXT   NOT NULL,
    month       TEXT   NOT NULL,
    provider    TEXT   NOT NULL,
    model       TEXT   NOT NULL,
    cache_type  TEXT   NOT NULL,
    spent_nanos BIGINT NOT NULL DEFAULT 0,
    tokens      BIGINT NOT NULL DEFAULT 0,
    writes      BIGINT NOT NULL DEFAULT 0,
    hits        BIGINT NOT NULL DEFAULT 0,
    misses      BIGINT NOT NULL DEFAULT 0,
    saved_nanos BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (namespace, month, provider, model, cache_type)
);

-- A namespace's budget once changed through the API; until then the configured default holds.
CREATE TABLE budgets (
    namespace         TEXT             NOT NULL PRIMARY KEY,
    monthly_nanos     BIGINT           NOT NULL,
    warning_threshold DOUBLE PRECISION NOT NULL,
    alert_threshold   DOUBLE PRECISION NOT NULL,
    updated_at        BIGINT           NOT NULL
);
