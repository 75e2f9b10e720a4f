-- COST_AWARE eviction is GreedyDual-Size-Frequency. Each entry's priority
--     L + (access_count + 1) * cost_nanos / stored_bytes
-- is kept in eviction_priority by every write of the entry (store, replace, access flush; see
-- entry/CostAwarePriority), with L the inflation value below as it was at that write. Eviction
-- removes the lowest priority first and raises L to the priority of the last entry it removed,
-- so entries that stop being used age out behind fresh ones.
CREATE TABLE eviction_state (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    inflation REAL    NOT NULL
);
INSERT INTO eviction_state (id, inflation) VALUES (1, 0);

ALTER TABLE entries ADD COLUMN eviction_priority REAL NOT NULL DEFAULT 0;
UPDATE entries SET eviction_priority = (access_count + 1) * CAST(cost_nanos AS REAL) / max(stored_bytes, 1);

-- Each policy's order, ties broken by id: LRU and OLDEST use entries_last_access and
-- entries_created (V1).
CREATE INDEX entries_priority ON entries (eviction_priority, id);
CREATE INDEX entries_size ON entries (stored_bytes DESC, id);

-- ShedLock: one scheduled or requested eviction at a time. sqlite-jdbc writes the timestamps as
-- epoch milliseconds.
CREATE TABLE shedlock (
    name       VARCHAR(64)  NOT NULL PRIMARY KEY,
    lock_until TIMESTAMP    NOT NULL,
    locked_at  TIMESTAMP    NOT NULL,
    locked_by  VARCHAR(255) NOT NULL
);
