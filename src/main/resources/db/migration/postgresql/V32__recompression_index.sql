-- The frames the dictionary job still has to re-compress (compression.RecompressionRepository): those
-- of a kind stored without a dictionary, in id order. Without it each batch of 200 read every entry of
-- the namespace and sorted the kind's remaining frames, results included: a pass over a kind took
-- time in the square of its size. Partial: once a kind has its dictionary, its new entries are not in
-- it, and a re-compressed entry leaves it, so in a steady state it holds next to nothing.
CREATE INDEX entries_without_dictionary ON entries (namespace_id, cache_type_id, id) WHERE dictionary_id IS NULL;
