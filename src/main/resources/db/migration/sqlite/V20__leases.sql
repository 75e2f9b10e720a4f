-- Miss leases (API.md, "Miss leases"): at most one live lease per (namespace, key), the right to
-- compute that key. The primary key makes the grant atomic: a grant inserts, or takes over a row
-- whose expiry has passed in the same statement (ON CONFLICT ... DO UPDATE ... WHERE expired).
-- A store of the key or a release deletes the row. Times are epoch milliseconds (UTC);
-- takeovers counts how many times an expired lease of this row was taken over.
CREATE TABLE leases (
    namespace  TEXT    NOT NULL,
    cache_key  TEXT    NOT NULL,
    id         TEXT    NOT NULL,
    granted_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    takeovers  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (namespace, cache_key)
);

-- Releases find a lease by its id; the sweep of expired leases by their expiry.
CREATE UNIQUE INDEX leases_id ON leases (id);
CREATE INDEX leases_expires_at ON leases (expires_at);
