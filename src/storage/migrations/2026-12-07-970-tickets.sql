-- Issue #11: tickets from a 12345 hotline (src/tickets/), a source of their own beside crawled posts.

-- One row per ticket of a source; importing the same export again updates it (status, reply, …), never duplicates.
CREATE TABLE tickets (
  id INTEGER PRIMARY KEY,
  source TEXT NOT NULL,                      -- the mapping's key (rules/ticket-sources/<key>.yaml)
  ticket_no TEXT NOT NULL,                   -- the hotline's own number
  received_at TEXT NOT NULL,                 -- ISO 8601 UTC
  title TEXT,
  text TEXT NOT NULL,
  category_raw TEXT,                         -- the hotline's category, as exported
  address TEXT,
  district_raw TEXT,
  department TEXT,
  status_raw TEXT,
  reply TEXT,
  replied_at TEXT,
  satisfaction TEXT CHECK (satisfaction IN ('satisfied', 'unsatisfied')),
  row_hash TEXT NOT NULL,                    -- of the mapped fields: tells an update from an unchanged row
  -- The engine's reading (NULL until screened; screened_at is the progress mark, as posts.processed_at).
  screened_at TEXT,
  is_lead INTEGER,
  category TEXT,
  sub_item TEXT,
  urgency TEXT CHECK (urgency IN ('urgent', 'normal')),
  district TEXT,
  street TEXT,
  place TEXT,
  domains TEXT NOT NULL DEFAULT '[]',        -- JSON: public-interest domain keys
  first_import_id INTEGER,
  last_import_id INTEGER,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (source, ticket_no)
);
CREATE INDEX tickets_received ON tickets (received_at);
CREATE INDEX tickets_unscreened ON tickets (id) WHERE screened_at IS NULL;
CREATE INDEX tickets_place_time ON tickets (category, district, received_at);

-- One import (a file or a push batch) with its counts; a run killed mid-way stays 'running' until marked interrupted.
CREATE TABLE ticket_imports (
  id INTEGER PRIMARY KEY,
  source TEXT NOT NULL,
  origin TEXT NOT NULL CHECK (origin IN ('file', 'push')),
  file_name TEXT,
  file_sha256 TEXT,
  format TEXT,                               -- csv | xlsx | jsonl | json
  status TEXT NOT NULL CHECK (status IN ('running', 'done', 'failed', 'interrupted')),
  rows_read INTEGER NOT NULL DEFAULT 0,
  rows_inserted INTEGER NOT NULL DEFAULT 0,
  rows_updated INTEGER NOT NULL DEFAULT 0,
  rows_unchanged INTEGER NOT NULL DEFAULT 0,
  rows_rejected INTEGER NOT NULL DEFAULT 0,
  error TEXT,
  actor TEXT NOT NULL,                       -- 'user:3' | 'key:2' | 'cli'
  pid INTEGER,
  started_at TEXT NOT NULL,
  finished_at TEXT
);
CREATE INDEX ticket_imports_started ON ticket_imports (started_at);

-- The rejected-rows report: a bad row is recorded here and the rest imports.
CREATE TABLE ticket_import_rejects (
  id INTEGER PRIMARY KEY,
  import_id INTEGER NOT NULL REFERENCES ticket_imports (id),
  row_no INTEGER NOT NULL,                   -- 1-based data row in the file (header not counted), or index in a push batch
  field TEXT,
  expected TEXT,
  received TEXT,
  message TEXT NOT NULL
);
CREATE INDEX ticket_import_rejects_import ON ticket_import_rejects (import_id, row_no);
