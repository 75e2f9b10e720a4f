-- The statistics of inserted entries added once per statement, from its transition table, instead of
-- once per row (issue 11: the database's size on disk). Each upsert of an aggregate row writes a new
-- version of that row, and the versions written inside one transaction cannot be pruned before it
-- ends: a migration's INSERT of 500 entries left 500 dead versions of each aggregate row it touched,
-- 7.6 MB of type_stats and model_stats after 40,000 legacy entries (against a few dozen live rows),
-- until autovacuum came. Now such an INSERT upserts each aggregate row once. A store inserts one row
-- per statement, as before. Deletes were already aggregated per statement (V5); updates (a replaced
-- or re-compressed entry) stay per row, as a trigger with a column list cannot have transition tables.
-- The aggregate rows are upserted in key order, so two statements that touch the same rows lock them
-- in the same order (a per-row trigger locked them in the order of the statement's entries).
-- Its columns and sums are those of entry_stats_apply (V31), which updates still call, and of
-- entries_stats_delete (V30): a new aggregate column changes all three.
CREATE FUNCTION entries_stats_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
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

DROP TRIGGER entries_stats_insert ON entries;
CREATE TRIGGER entries_stats_insert AFTER INSERT ON entries
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION entries_stats_insert();
