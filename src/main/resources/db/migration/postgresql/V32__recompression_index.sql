-- The frames the dictionary job still has to re-compress (compression.RecompressionRepository): those
-- of a kind stored without a dictionary, in id order. Without it SQLite read every entry of the
-- namespace for each batch of 200 and sorted what was left of the kind, results included: a pass took
-- time in the square of the cache's size. Partial: once a kind has its dictionary its new entries are
-- not in it, and a re-compressed entry leaves it, so in a steady state it holds next to nothing (with
-- dictionaries off, every entry).
CREATE INDEX entries_without_dictionary ON entries (namespace_id, cache_type_id, id) WHERE dictionary_id IS NULL;
