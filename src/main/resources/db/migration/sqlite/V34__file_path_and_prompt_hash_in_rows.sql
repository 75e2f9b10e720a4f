-- The file path and the prompt hash are stored in the entry's row, as text, instead of as ids of
-- `names` (issue 11: the database's size on disk). Nearly every entry has a path and a prompt hash of
-- its own, so as names each cost a row of `names` and an entry of its unique index (the string twice)
-- for an id of two or three bytes in the row, and, past the names' cache of 100,000, one more query on
-- every read. On the issue's corpus this takes 1.7 MB off 30.5 MB (compacted; storage.md). Shared
-- strings (namespace, cache type, repository, provider, model, writer) stay names.
ALTER TABLE entries ADD COLUMN file_path TEXT NOT NULL DEFAULT '';
ALTER TABLE entries ADD COLUMN prompt_hash TEXT NOT NULL DEFAULT '';
-- The statistics triggers fire on updates of other columns only: this leaves the aggregates alone.
UPDATE entries SET file_path = (SELECT name FROM names WHERE id = entries.file_path_id),
                   prompt_hash = (SELECT name FROM names WHERE id = entries.prompt_hash_id);
DROP INDEX entries_list_file;
ALTER TABLE entries DROP COLUMN file_path_id;
ALTER TABLE entries DROP COLUMN prompt_hash_id;
-- Listing and clearing by filePath (storage.md, "Indices").
CREATE INDEX entries_list_file ON entries (namespace_id, file_path, created_at);
-- The names no row refers to any more (the paths and prompt hashes, unless another column or table
-- uses the same string) are deleted. Names are otherwise never deleted, as a server caches them for
-- ever (entry.Names); here no server holds any: every replica starts again on this version, and one of
-- an older version cannot read the new layout at all. The references: entries, the aggregates, the
-- dictionaries (docs/storage.md, "Repeated strings are stored once").
DELETE FROM names WHERE id NOT IN (
    SELECT namespace_id FROM entries UNION SELECT cache_type_id FROM entries UNION SELECT repo_path_id FROM entries
    UNION SELECT provider_id FROM entries UNION SELECT model_id FROM entries
    UNION SELECT written_by_id FROM entries WHERE written_by_id IS NOT NULL
    UNION SELECT namespace_id FROM type_stats UNION SELECT cache_type_id FROM type_stats
    UNION SELECT namespace_id FROM model_stats UNION SELECT provider_id FROM model_stats UNION SELECT model_id FROM model_stats
    UNION SELECT namespace_id FROM dictionaries UNION SELECT cache_type_id FROM dictionaries);
