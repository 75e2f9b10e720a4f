-- The statistics of the entries a group of stores inserts, added at the group's end instead of at each insert
-- (docs/performance.md, change 40). The upsert of an aggregate row locks it until the transaction ends: with the
-- trigger adding each store's entry as it was inserted, a group of stores (storage.GroupCommit) held its namespace's
-- rows of type_stats and model_stats from its first insert to its commit, and the group of another replica on the
-- same database waited all that time on its own first insert (Lock: transactionid), so two replicas' stores ran one
-- group after the other. Now, in a transaction that called entries_stats_defer(), the insert trigger only notes its
-- sums in a temporary table of the session, and entries_stats_fold() adds them to the aggregate rows, once per row, in
-- key order; the group calls it after its last write, so those rows stay locked only for its commit. Every other
-- insert (an import, a store run alone) adds its entries at once, as before. The sums are V33's; a new aggregate
-- column changes entries_stats_insert, entries_stats_fold, entry_stats_apply (V31) and entries_stats_delete (V30).

-- Begins deferring the current transaction's inserted entries' statistics to entries_stats_fold().
CREATE FUNCTION entries_stats_defer() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF to_regclass('pg_temp.llmcache_pending_stats') IS NULL THEN
        -- one per session, emptied at each commit: nothing of it outlives the transaction that wrote it
        CREATE TEMPORARY TABLE llmcache_pending_stats (
            namespace_id      INTEGER NOT NULL,
            cache_type_id     INTEGER NOT NULL,
            provider_id       INTEGER NOT NULL,
            model_id          INTEGER NOT NULL,
            entries           BIGINT  NOT NULL,
            tokens            NUMERIC NOT NULL,
            cost_nanos        NUMERIC NOT NULL,
            file_size         NUMERIC NOT NULL,
            result_bytes      NUMERIC NOT NULL,
            stored_bytes      NUMERIC NOT NULL,
            dict_entries      BIGINT  NOT NULL,
            dict_result_bytes NUMERIC NOT NULL,
            dict_stored_bytes NUMERIC NOT NULL
        ) ON COMMIT DELETE ROWS;
    END IF;
    PERFORM set_config('llmcache.entries_stats', 'deferred', true);
END
$$;

-- Adds what the current transaction deferred to the aggregate rows and forgets it; nothing when it deferred nothing.
CREATE FUNCTION entries_stats_fold() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('llmcache.entries_stats', true) IS DISTINCT FROM 'deferred' THEN
        RETURN;
    END IF;
    INSERT INTO type_stats AS t (namespace_id, cache_type_id, entries, tokens, cost_nanos, file_size, result_bytes,
                                 stored_bytes, dict_entries, dict_result_bytes, dict_stored_bytes)
    SELECT namespace_id, cache_type_id, sum(entries), sum(tokens), sum(cost_nanos), sum(file_size), sum(result_bytes),
           sum(stored_bytes), sum(dict_entries), sum(dict_result_bytes), sum(dict_stored_bytes)
    FROM pg_temp.llmcache_pending_stats GROUP BY namespace_id, cache_type_id ORDER BY namespace_id, cache_type_id
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
    SELECT namespace_id, provider_id, model_id, sum(entries), sum(tokens), sum(cost_nanos)
    FROM pg_temp.llmcache_pending_stats GROUP BY namespace_id, provider_id, model_id
    ORDER BY namespace_id, provider_id, model_id
    ON CONFLICT (namespace_id, provider_id, model_id) DO UPDATE SET
        entries = m.entries + excluded.entries,
        tokens = m.tokens + excluded.tokens,
        cost_nanos = m.cost_nanos + excluded.cost_nanos;
    DELETE FROM pg_temp.llmcache_pending_stats;
END
$$;

CREATE OR REPLACE FUNCTION entries_stats_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('llmcache.entries_stats', true) = 'deferred' THEN
        INSERT INTO pg_temp.llmcache_pending_stats
        SELECT namespace_id, cache_type_id, provider_id, model_id, count(*), sum(tokens_used), sum(cost_nanos),
               sum(coalesce(file_size, 0)), sum(result_bytes), sum(stored_bytes), count(dictionary_id),
               coalesce(sum(result_bytes) FILTER (WHERE dictionary_id IS NOT NULL), 0),
               coalesce(sum(stored_bytes) FILTER (WHERE dictionary_id IS NOT NULL), 0)
        FROM new_rows GROUP BY namespace_id, cache_type_id, provider_id, model_id;
        RETURN NULL;
    END IF;
    INSERT INTO type_stats AS t (namespace_id, cache_type_id, entries, tokens, cost_nanos, file_size, result_bytes,
                                 stored_bytes, dict_entries, dict_result_bytes, dict_stored_bytes)
    SELECT namespace_id, cache_type_id, count(*), sum(tokens_used), sum(cost_nanos), sum(coalesce(file_size, 0)),
           sum(result_bytes), sum(stored_bytes), count(dictionary_id),
           coalesce(sum(result_bytes) FILTER (WHERE dictionary_id IS NOT NULL), 0),
           coalesce(sum(stored_bytes) FILTER (WHERE dictionary_id IS NOT NULL), 0)
    FROM new_rows GROUP BY namespace_id, cache_type_id ORDER BY namespace_id, cache_type_id
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
    SELECT namespace_id, provider_id, model_id, count(*), sum(tokens_used), sum(cost_nanos)
    FROM new_rows GROUP BY namespace_id, provider_id, model_id ORDER BY namespace_id, provider_id, model_id
    ON CONFLICT (namespace_id, provider_id, model_id) DO UPDATE SET
        entries = m.entries + excluded.entries,
        tokens = m.tokens + excluded.tokens,
        cost_nanos = m.cost_nanos + excluded.cost_nanos;
    RETURN NULL;
END
$$;
