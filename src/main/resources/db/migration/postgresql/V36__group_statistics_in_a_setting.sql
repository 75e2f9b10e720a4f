-- V35's deferred statistics of a group of stores kept in a transaction-local setting instead of a temporary table
-- (docs/performance.md, change 41). The temporary table was emptied at every commit of a group, a truncation of its
-- file each time (sampled in pg_stat_activity as IO: DataFileTruncate at COMMIT, about as often as the WAL's sync),
-- and creating it needs the TEMPORARY privilege on the database, which a locked-down database may not grant. A
-- setting made with set_config(..., true) lasts until the transaction ends and is taken back with a rolled-back
-- savepoint, as the rows it counts are; the insert trigger appends its statement's sums to it, one line per
-- namespace, cache type, provider and model ("n,c,p,m,entries,tokens,cost,file,result,stored,dict,dict result,dict
-- stored;"), and entries_stats_fold() adds them up. The sums and the key order of the upserts are V35's.

CREATE OR REPLACE FUNCTION entries_stats_defer() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    PERFORM set_config('llmcache.entries_stats', 'deferred', true);
    PERFORM set_config('llmcache.entries_stats_pending', '', true);
END
$$;

CREATE OR REPLACE FUNCTION entries_stats_fold() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    pending TEXT := current_setting('llmcache.entries_stats_pending', true);
BEGIN
    IF current_setting('llmcache.entries_stats', true) IS DISTINCT FROM 'deferred' OR coalesce(pending, '') = '' THEN
        RETURN;
    END IF;
    PERFORM set_config('llmcache.entries_stats_pending', '', true);
    INSERT INTO type_stats AS t (namespace_id, cache_type_id, entries, tokens, cost_nanos, file_size, result_bytes,
                                 stored_bytes, dict_entries, dict_result_bytes, dict_stored_bytes)
    SELECT v[1]::integer, v[2]::integer, sum(v[5]::bigint), sum(v[6]::numeric), sum(v[7]::numeric), sum(v[8]::numeric),
           sum(v[9]::numeric), sum(v[10]::numeric), sum(v[11]::bigint), sum(v[12]::numeric), sum(v[13]::numeric)
    FROM (SELECT string_to_array(line, ',') AS v FROM unnest(string_to_array(rtrim(pending, ';'), ';')) AS line) lines
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
    FROM (SELECT string_to_array(line, ',') AS v FROM unnest(string_to_array(rtrim(pending, ';'), ';')) AS line) lines
    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (namespace_id, provider_id, model_id) DO UPDATE SET
        entries = m.entries + excluded.entries,
        tokens = m.tokens + excluded.tokens,
        cost_nanos = m.cost_nanos + excluded.cost_nanos;
END
$$;

CREATE OR REPLACE FUNCTION entries_stats_insert() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    sums TEXT;
BEGIN
    IF current_setting('llmcache.entries_stats', true) = 'deferred' THEN
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
        -- set_config resets the setting, which would drop what the transaction's earlier inserts noted
        IF sums IS NOT NULL THEN
            PERFORM set_config('llmcache.entries_stats_pending',
                coalesce(current_setting('llmcache.entries_stats_pending', true), '') || sums || ';', true);
        END IF;
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
