-- The name of the token that started a migration through the API (null when anonymous or offline).
ALTER TABLE migrations ADD COLUMN started_by TEXT;
