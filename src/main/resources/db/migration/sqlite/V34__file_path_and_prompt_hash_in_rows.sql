-- The file path and the prompt hash are stored in the entry's row, as text, instead of as ids of
-- `names` (issue 11: the database's size on disk). Nearly every entry has a path and a prompt hash of
-- its own, so as names each cost a row of `names` and an entry of its unique index (the string twice)
-- for an id of two or three bytes in the row, and, past the names' cache of 100,000, one more query on
-- every read. On the issue's corpus this takes 1.7 MB off 30.5 MB (compacted; storage.md). Shared
-- strings (namespace, cache type, repository, provider, model, writer) stay names.
-- The names the old ids pointed to stay in `names`: a name is never deleted (entry.Names).
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
