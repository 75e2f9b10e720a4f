-- The file path and the prompt hash are stored in the entry's row, as text, instead of as ids of
-- `names` (issue 11: the database's size on disk). Nearly every entry has a path and a prompt hash of
-- its own, so as names each cost a row of `names` and an entry of its unique index (the string twice)
-- for an id in the row, and, past the names' cache of 100,000, one more query on every read. Shared
-- strings (namespace, cache type, repository, provider, model, writer) stay names.
-- The names the old ids pointed to stay in `names`: a name is never deleted (entry.Names). The UPDATE
-- writes a new version of every row; a VACUUM (FULL) of entries afterwards gives the old ones back to
-- the file system (autovacuum makes them reusable). See storage.md, "Upgrading an existing database".
ALTER TABLE entries ADD COLUMN file_path TEXT, ADD COLUMN prompt_hash TEXT;
-- The statistics triggers fire on updates of other columns only: this leaves the aggregates alone.
UPDATE entries e SET file_path = fp.name, prompt_hash = ph.name
FROM names fp, names ph
WHERE fp.id = e.file_path_id AND ph.id = e.prompt_hash_id;
ALTER TABLE entries ALTER COLUMN file_path SET NOT NULL, ALTER COLUMN prompt_hash SET NOT NULL;
DROP INDEX entries_list_file;
ALTER TABLE entries DROP COLUMN file_path_id, DROP COLUMN prompt_hash_id;
-- Listing and clearing by filePath (storage.md, "Indices").
CREATE INDEX entries_list_file ON entries (namespace_id, file_path, created_at, id);
