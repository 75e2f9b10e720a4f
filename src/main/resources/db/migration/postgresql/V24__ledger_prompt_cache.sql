-- Provider prompt caching in the ledger (issue 13): the input tokens each write read from and wrote
-- to its provider's prompt cache, and what the cache reads saved against the full input price
-- (cached tokens × (input price − cached-input price), priced when the write was stored). Rows
-- written before this version hold 0: their cached tokens were not known.
ALTER TABLE ledger ADD COLUMN cached_input_tokens      BIGINT NOT NULL DEFAULT 0;
ALTER TABLE ledger ADD COLUMN cache_write_tokens       BIGINT NOT NULL DEFAULT 0;
ALTER TABLE ledger ADD COLUMN prompt_cache_saved_nanos BIGINT NOT NULL DEFAULT 0;
