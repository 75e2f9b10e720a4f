-- zstd dictionaries (issue 11): one trained per namespace and cache type once enough results of that
-- kind exist, retrained as the kind grows. A dictionary is never changed nor deleted while a frame
-- may name it, so its id means the same bytes for ever, on every replica.
--  * id is the zstd dictionary id that frames compressed with it carry in their header (random, in
--    [32768, 2^31), unique by the primary key: replicas sharing a database never reuse one).
--  * kind_entries is how many entries the kind held when it was trained (the retraining rule).
CREATE TABLE dictionaries (
    id            INTEGER PRIMARY KEY,
    namespace_id  INTEGER NOT NULL,
    cache_type_id INTEGER NOT NULL,
    created_at    BIGINT  NOT NULL,
    samples       INTEGER NOT NULL,
    kind_entries  BIGINT  NOT NULL,
    dictionary    BYTEA   NOT NULL
);
-- The current dictionary of a kind: the newest.
CREATE INDEX dictionaries_kind ON dictionaries (namespace_id, cache_type_id, created_at);

-- The dictionary an entry's frame was compressed with (NULL: none), so that /stats tells the two
-- apart without reading frames, and re-compression finds the frames of an older dictionary.
ALTER TABLE entries ADD COLUMN dictionary_id INTEGER;

ALTER TABLE type_stats ADD COLUMN dict_entries      BIGINT NOT NULL DEFAULT 0;
ALTER TABLE type_stats ADD COLUMN dict_result_bytes BIGINT NOT NULL DEFAULT 0;
ALTER TABLE type_stats ADD COLUMN dict_stored_bytes BIGINT NOT NULL DEFAULT 0;

-- The trigger functions of V5, plus the entries whose frame has a dictionary.
CREATE OR REPLACE FUNCTION entry_stats_apply(e entries, sign INTEGER) RETURNS void LANGUAGE sql AS $$
    INSERT INTO type_stats AS t (namespace_id, cache_type_id, entries, tokens, cost_nanos, file_size, result_bytes,
                                 stored_bytes, dict_entries, dict_result_bytes, dict_stored_bytes)
    VALUES (e.namespace_id, e.cache_type_id, sign, sign * e.tokens_used, sign * e.cost_nanos,
            sign * coalesce(e.file_size, 0), sign * e.result_bytes, sign * e.stored_bytes,
            CASE WHEN e.dictionary_id IS NULL THEN 0 ELSE sign END,
            CASE WHEN e.dictionary_id IS NULL THEN 0 ELSE sign * e.result_bytes END,
            CASE WHEN e.dictionary_id IS NULL THEN 0 ELSE sign * e.stored_bytes END)
    ON CONFLICT (namespace_id, cache_type_id) DO UPDATE SET
        entries = t.entries + excluded.entries,
        tokens = t.tokens + excluded.tokens,
        cost_nanos = t.cost_nanos + excluded.cost_nanos,
        file_size = t.file_size + excluded.file_size,
        result_bytes = t.result_bytes + excluded.result_bytes,
        stored_bytes = t.stored_bytes + excluded.stored_bytes,
        dict_entries = t.dict_entries + excluded.dict_entries,
        dict_result_bytes = t.dict_result_bytes + excluded.dict_result_bytes,
        dict_stored_bytes = t.dict_stored_bytes + excluded.dict_stored_bytes;
    INSERT INTO model_stats AS m (namespace_id, provider_id, model_id, entries, tokens, cost_nanos)
    VALUES (e.namespace_id, e.provider_id, e.model_id, sign, sign * e.tokens_used, sign * e.cost_nanos)
    ON CONFLICT (namespace_id, provider_id, model_id) DO UPDATE SET
        entries = m.entries + excluded.entries,
        tokens = m.tokens + excluded.tokens,
        cost_nanos = m.cost_nanos + excluded.cost_nanos;
$$;

CREATE OR REPLACE FUNCTION entries_stats_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE type_stats t SET
        entries = t.entries - d.n,
        tokens = t.tokens - d.tokens,
        cost_nanos = t.cost_nanos - d.cost_nanos,
        file_size = t.file_size - d.file_size,
        result_bytes = t.result_bytes - d.result_bytes,
        stored_bytes = t.stored_bytes - d.stored_bytes,
        dict_entries = t.dict_entries - d.dict_entries,
        dict_result_bytes = t.dict_result_bytes - d.dict_result_bytes,
        dict_stored_bytes = t.dict_stored_bytes - d.dict_stored_bytes
    FROM (SELECT namespace_id, cache_type_id, count(*) AS n, sum(tokens_used) AS tokens, sum(cost_nanos) AS cost_nanos,
                 sum(coalesce(file_size, 0)) AS file_size, sum(result_bytes) AS result_bytes,
                 sum(stored_bytes) AS stored_bytes,
                 count(dictionary_id) AS dict_entries,
                 coalesce(sum(result_bytes) FILTER (WHERE dictionary_id IS NOT NULL), 0) AS dict_result_bytes,
                 coalesce(sum(stored_bytes) FILTER (WHERE dictionary_id IS NOT NULL), 0) AS dict_stored_bytes
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

DROP TRIGGER entries_stats_update ON entries;
CREATE TRIGGER entries_stats_update
    AFTER UPDATE OF cache_type_id, provider_id, model_id, tokens_used, cost_nanos, file_size, result_bytes, stored_bytes,
        dictionary_id
    ON entries
    FOR EACH ROW EXECUTE FUNCTION entries_stats_row();
