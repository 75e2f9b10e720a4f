-- Duplicate spend (API.md, "Duplicate spend"): the cost of stores over a key that already held an
-- entry, paid twice. Kept in the ledger with the write that caused it, so it survives restarts and
-- sums across replicas.
ALTER TABLE ledger ADD COLUMN duplicate_nanos INTEGER NOT NULL DEFAULT 0;
