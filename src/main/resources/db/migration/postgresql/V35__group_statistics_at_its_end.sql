-- The statistics of the entries a group of stores inserts, added at the group's end instead of at each insert
-- (docs/performance.md, changes 40 and 41). The upsert of an aggregate row locks it until the transaction ends: with
-- the trigger adding each store's entry as it was inserted, a group of stores (storage.GroupCommit) held its
-- namespace's rows of type_stats and model_stats from its first insert to its commit, and the group of another replica
-- on the same database waited all that time on its own first insert (Lock: transactionid), so two replicas' stores ran
-- one group after the other. Now, in a transaction that called entries_stats_defer(), the insert trigger only appends
-- its statement's sums to a setting of the transaction, and entries_stats_fold() adds them to the aggregate rows, once
-- per row; the group calls it after its last write, so those rows stay locked only for its commit. Every other insert
-- (an import, a store run alone) adds its entries at once, through the same entries_stats_add().
--
-- The setting (set_config(..., true)) lasts until the transaction ends and is taken back with a rolled-back savepoint,
-- as the rows it counts are; a temporary table was tried first and truncated its file at every commit, and needs the
-- TEMPORARY privilege. Its text holds one line per namespace, cache type, provider and model:
-- "n,c,p,m,entries,tokens,cost,file,result,stored,dict,dict result,dict stored;". The sums are V33's; a new aggregate
-- column changes entries_stats_insert, entries_stats_add, entry_stats_apply (V31) and entries_stats_delete (V30).

-- Adds sums in the setting's text form to the aggregate rows, each row once, in key order (two transactions that
-- touch the same rows lock them in the same order).
CREATE FUNCTION entries_stats_add(sums TEXT) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO type_stats AS t (namespace_id, cache_type_id, entries, tokens, cost_nanos, file_size, result_bytes,
                                 stored_bytes, dict_entries, dict_result_bytes, dict_stored_bytes)
    SELECT v[1]::integer, v[2]::integer, sum(v[5]::bigint), sum(v[6]::numeric), sum(v[7]::numeric), sum(v[8]::numeric),
           sum(v[9]::numeric), sum(v[10]::numeric), sum(v[11]::bigint), sum(v[12]::numeric), sum(v[13]::numeric)
    FROM (SELECT string_to_array(line, ',') AS v FROM unnest(string_to_array(rtrim(sums, ';'), ';')) AS line) lines
    GROUP BY 1, 2 ORDER BY 1, 2
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
    SELECT v[1]::integer, v[3]::integer, v[4]::integer, sum(v[5]::bigint), sum(v[6]::numeric), sum(v[7]::numeric)
    FROM (SELECT string_to_array(line, ',') AS v FROM unnest(string_to_array(rtrim(sums, ';'), ';')) AS line) lines
    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (namespace_id, provider_id, model_id) DO UPDATE SET
        entries = m.entries + excluded.entries,
        tokens = m.tokens + excluded.tokens,
        cost_nanos = m.cost_nanos + excluded.cost_nanos;
END
$$;

-- Begins deferring the current transaction's inserted entries' statistics to entries_stats_fold().
CREATE FUNCTION entries_stats_defer() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    PERFORM set_config('llmcache.entries_stats', 'deferred', true);
    PERFORM set_config('llmcache.entries_stats_pending', '', true);
END
$$;

-- Adds what the current transaction deferred to the aggregate rows and forgets it; nothing when it deferred nothing.
CREATE FUNCTION entries_stats_fold() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    pending TEXT := current_setting('llmcache.entries_stats_pending', true);
BEGIN
    IF current_setting('llmcache.entries_stats', true) IS DISTINCT FROM 'deferred' OR coalesce(pending, '') = '' THEN
        RETURN;
    END IF;
    PERFORM set_config('llmcache.entries_stats_pending', '', true);
    PERFORM entries_stats_add(pending);
END
$$;

CREATE OR REPLACE FUNCTION entries_stats_insert() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    sums TEXT;
BEGIN
    SELECT string_agg(concat_ws(',', namespace_id, cache_type_id, provider_id, model_id, entries, tokens, cost_nanos,
                                file_size, result_bytes, stored_bytes, dict_entries, dict_result_bytes,
                                dict_stored_bytes), ';')
    INTO sums
    FROM (SELECT namespace_id, cache_type_id, provider_id, model_id, count(*) AS entries,
                 sum(tokens_used) AS tokens, sum(cost_nanos) AS cost_nanos,
                 sum(coalesce(file_size, 0)) AS file_size, sum(result_bytes) AS result_bytes,
                 sum(stored_bytes) AS stored_bytes, count(dictionary_id) AS dict_entries,
                 coalesce(sum(result_bytes) FILTER (WHERE dictionary_id IS NOT NULL), 0) AS dict_result_bytes,
                 coalesce(sum(stored_bytes) FILTER (WHERE dictionary_id IS NOT NULL), 0) AS dict_stored_bytes
          FROM new_rows GROUP BY namespace_id, cache_type_id, provider_id, model_id) per_row;
    -- NULL when the statement inserted nothing (ON CONFLICT DO NOTHING on a key already there): a NULL given to
    -- set_config would reset the setting and drop what the transaction's earlier inserts noted
    IF sums IS NULL THEN
        RETURN NULL;
    ELSIF current_setting('llmcache.entries_stats', true) = 'deferred' THEN
        PERFORM set_config('llmcache.entries_stats_pending',
            coalesce(current_setting('llmcache.entries_stats_pending', true), '') || sums || ';', true);
    ELSE
        PERFORM entries_stats_add(sums);
    END IF;
    RETURN NULL;
END
$$;
