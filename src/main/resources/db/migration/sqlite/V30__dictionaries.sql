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
    created_at    INTEGER NOT NULL,
    samples       INTEGER NOT NULL,
    kind_entries  INTEGER NOT NULL,
    dictionary    BLOB    NOT NULL
);
-- The current dictionary of a kind: the newest.
CREATE INDEX dictionaries_kind ON dictionaries (namespace_id, cache_type_id, created_at);

-- The dictionary an entry's frame was compressed with (NULL: none), so that /stats tells the two
-- apart without reading frames, and re-compression finds the frames of an older dictionary.
ALTER TABLE entries ADD COLUMN dictionary_id INTEGER;

ALTER TABLE type_stats ADD COLUMN dict_entries      INTEGER NOT NULL DEFAULT 0;
ALTER TABLE type_stats ADD COLUMN dict_result_bytes INTEGER NOT NULL DEFAULT 0;
ALTER TABLE type_stats ADD COLUMN dict_stored_bytes INTEGER NOT NULL DEFAULT 0;

-- The triggers of V5, plus the entries whose frame has a dictionary.
DROP TRIGGER entries_stats_insert;
DROP TRIGGER entries_stats_delete;
DROP TRIGGER entries_stats_update;

CREATE TRIGGER entries_stats_insert AFTER INSERT ON entries
BEGIN
    INSERT INTO type_stats (namespace_id, cache_type_id, entries, tokens, cost_nanos, file_size, result_bytes, stored_bytes,
                            dict_entries, dict_result_bytes, dict_stored_bytes)
    VALUES (NEW.namespace_id, NEW.cache_type_id, 1, NEW.tokens_used, NEW.cost_nanos, coalesce(NEW.file_size, 0),
            NEW.result_bytes, NEW.stored_bytes,
            NEW.dictionary_id IS NOT NULL, iif(NEW.dictionary_id IS NULL, 0, NEW.result_bytes),
            iif(NEW.dictionary_id IS NULL, 0, NEW.stored_bytes))
    ON CONFLICT (namespace_id, cache_type_id) DO UPDATE SET
        entries = type_stats.entries + 1,
        tokens = type_stats.tokens + excluded.tokens,
        cost_nanos = type_stats.cost_nanos + excluded.cost_nanos,
        file_size = type_stats.file_size + excluded.file_size,
        result_bytes = type_stats.result_bytes + excluded.result_bytes,
        stored_bytes = type_stats.stored_bytes + excluded.stored_bytes,
        dict_entries = type_stats.dict_entries + excluded.dict_entries,
        dict_result_bytes = type_stats.dict_result_bytes + excluded.dict_result_bytes,
        dict_stored_bytes = type_stats.dict_stored_bytes + excluded.dict_stored_bytes;
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
        stored_bytes = stored_bytes - OLD.stored_bytes,
        dict_entries = dict_entries - (OLD.dictionary_id IS NOT NULL),
        dict_result_bytes = dict_result_bytes - iif(OLD.dictionary_id IS NULL, 0, OLD.result_bytes),
        dict_stored_bytes = dict_stored_bytes - iif(OLD.dictionary_id IS NULL, 0, OLD.stored_bytes)
    WHERE namespace_id = OLD.namespace_id AND cache_type_id = OLD.cache_type_id;
    UPDATE model_stats SET
        entries = entries - 1,
        tokens = tokens - OLD.tokens_used,
        cost_nanos = cost_nanos - OLD.cost_nanos
    WHERE namespace_id = OLD.namespace_id AND provider_id = OLD.provider_id AND model_id = OLD.model_id;
END;

CREATE TRIGGER entries_stats_update
AFTER UPDATE OF cache_type_id, provider_id, model_id, tokens_used, cost_nanos, file_size, result_bytes, stored_bytes,
    dictionary_id ON entries
BEGIN
    UPDATE type_stats SET
        entries = entries - 1,
        tokens = tokens - OLD.tokens_used,
        cost_nanos = cost_nanos - OLD.cost_nanos,
        file_size = file_size - coalesce(OLD.file_size, 0),
        result_bytes = result_bytes - OLD.result_bytes,
        stored_bytes = stored_bytes - OLD.stored_bytes,
        dict_entries = dict_entries - (OLD.dictionary_id IS NOT NULL),
        dict_result_bytes = dict_result_bytes - iif(OLD.dictionary_id IS NULL, 0, OLD.result_bytes),
        dict_stored_bytes = dict_stored_bytes - iif(OLD.dictionary_id IS NULL, 0, OLD.stored_bytes)
    WHERE namespace_id = OLD.namespace_id AND cache_type_id = OLD.cache_type_id;
    UPDATE model_stats SET
        entries = entries - 1,
        tokens = tokens - OLD.tokens_used,
        cost_nanos = cost_nanos - OLD.cost_nanos
    WHERE namespace_id = OLD.namespace_id AND provider_id = OLD.provider_id AND model_id = OLD.model_id;
    INSERT INTO type_stats (namespace_id, cache_type_id, entries, tokens, cost_nanos, file_size, result_bytes, stored_bytes,
                            dict_entries, dict_result_bytes, dict_stored_bytes)
    VALUES (NEW.namespace_id, NEW.cache_type_id, 1, NEW.tokens_used, NEW.cost_nanos, coalesce(NEW.file_size, 0),
            NEW.result_bytes, NEW.stored_bytes,
            NEW.dictionary_id IS NOT NULL, iif(NEW.dictionary_id IS NULL, 0, NEW.result_bytes),
            iif(NEW.dictionary_id IS NULL, 0, NEW.stored_bytes))
    ON CONFLICT (namespace_id, cache_type_id) DO UPDATE SET
        entries = type_stats.entries + 1,
        tokens = type_stats.tokens + excluded.tokens,
        cost_nanos = type_stats.cost_nanos + excluded.cost_nanos,
        file_size = type_stats.file_size + excluded.file_size,
        result_bytes = type_stats.result_bytes + excluded.result_bytes,
        stored_bytes = type_stats.stored_bytes + excluded.stored_bytes,
        dict_entries = type_stats.dict_entries + excluded.dict_entries,
        dict_result_bytes = type_stats.dict_result_bytes + excluded.dict_result_bytes,
        dict_stored_bytes = type_stats.dict_stored_bytes + excluded.dict_stored_bytes;
    INSERT INTO model_stats (namespace_id, provider_id, model_id, entries, tokens, cost_nanos)
    VALUES (NEW.namespace_id, NEW.provider_id, NEW.model_id, 1, NEW.tokens_used, NEW.cost_nanos)
    ON CONFLICT (namespace_id, provider_id, model_id) DO UPDATE SET
        entries = model_stats.entries + 1,
        tokens = model_stats.tokens + excluded.tokens,
        cost_nanos = model_stats.cost_nanos + excluded.cost_nanos;
END;
