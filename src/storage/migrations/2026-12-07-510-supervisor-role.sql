-- migrate: foreign-keys-off
-- Issue #10: a third role, supervisor (督办: reads what staff read, takes no lead or work-order
-- actions, puts orders under supervision). The role's CHECK lives in the table definition, which
-- SQLite cannot alter, so the table is rebuilt with the same columns, rows and index.
CREATE TABLE users_new (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  display_name TEXT,
  role TEXT NOT NULL CHECK (role IN ('verifier', 'admin', 'supervisor')),
  password_hash TEXT NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  name_key TEXT NOT NULL DEFAULT ''
);
INSERT INTO users_new (id, name, display_name, role, password_hash, disabled, created_at, updated_at, name_key)
  SELECT id, name, display_name, role, password_hash, disabled, created_at, updated_at, name_key FROM users;
DROP TABLE users;
ALTER TABLE users_new RENAME TO users;
CREATE UNIQUE INDEX users_name_key ON users (name_key);
