-- Core tables shared by crawling, the rules engine, review and downstream.
-- Times are ISO 8601 UTC strings ('2026-11-21T08:31:00.000Z').

CREATE TABLE posts (
  id INTEGER PRIMARY KEY,
  platform TEXT NOT NULL,
  platform_post_id TEXT NOT NULL,
  url TEXT,
  author TEXT,
  author_id TEXT,
  title TEXT,
  text TEXT NOT NULL,
  published_at TEXT,
  ip_location TEXT,
  likes INTEGER,
  comments INTEGER,
  shares INTEGER,
  views INTEGER,
  raw TEXT NOT NULL,
  first_seen_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  -- NULL until the pipeline step (rules engine) has processed the post; a restart resumes from here.
  processed_at TEXT,
  UNIQUE (platform, platform_post_id)
);
CREATE INDEX posts_unprocessed ON posts (id) WHERE processed_at IS NULL;
CREATE INDEX posts_published ON posts (published_at);

CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  display_name TEXT,
  role TEXT NOT NULL CHECK (role IN ('verifier', 'admin')),
  password_hash TEXT NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE leads (
  id INTEGER PRIMARY KEY,
  status TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'confirmed', 'rejected', 'merged')),
  category TEXT NOT NULL,
  sub_item TEXT,
  urgency TEXT NOT NULL CHECK (urgency IN ('urgent', 'normal')),
  district TEXT,
  street TEXT,
  place TEXT,
  score REAL NOT NULL DEFAULT 0,
  heat REAL NOT NULL DEFAULT 0,
  post_count INTEGER NOT NULL DEFAULT 0,
  matched TEXT NOT NULL DEFAULT '[]',        -- JSON: rule ids that fired
  spans TEXT NOT NULL DEFAULT '[]',          -- JSON: [{post_id, start, end, rule}] matched text spans
  fingerprint TEXT,                          -- SimHash of the first post's normalised text (hex)
  summary TEXT,                              -- short text for lists (first post, truncated)
  discovered_at TEXT NOT NULL,               -- when the first post of the lead was stored
  last_post_at TEXT NOT NULL,
  reject_reason TEXT CHECK (reject_reason IN ('not_civic', 'duplicate', 'outside_jurisdiction', 'advertising', 'insufficient_info')),
  reject_note TEXT,
  merged_into INTEGER REFERENCES leads (id),
  edited_fields TEXT NOT NULL DEFAULT '[]',  -- JSON: fields a reviewer set; reclassify never overwrites them
  reviewed_by INTEGER REFERENCES users (id),
  reviewed_at TEXT,
  claimed_by INTEGER REFERENCES users (id),
  claim_expires_at TEXT,
  created_by INTEGER REFERENCES users (id),  -- set when a human created the lead
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1          -- optimistic concurrency for edits
);
CREATE INDEX leads_queue ON leads (status, urgency, score DESC, heat DESC, discovered_at);
CREATE INDEX leads_category ON leads (category, status);
CREATE INDEX leads_district ON leads (district, status);
CREATE INDEX leads_discovered ON leads (discovered_at);

-- A post belongs to at most one lead: re-running the engine cannot create a second lead for it.
CREATE TABLE lead_posts (
  lead_id INTEGER NOT NULL REFERENCES leads (id),
  post_id INTEGER NOT NULL UNIQUE REFERENCES posts (id),
  similarity REAL,
  added_at TEXT NOT NULL,
  PRIMARY KEY (lead_id, post_id)
);

CREATE TABLE work_orders (
  id INTEGER PRIMARY KEY,
  number TEXT NOT NULL UNIQUE,               -- GD20261121-000123
  lead_id INTEGER NOT NULL UNIQUE REFERENCES leads (id),  -- one work order per lead, whatever the races
  status TEXT NOT NULL CHECK (status IN ('created', 'dispatched', 'accepted', 'in_progress', 'resolved', 'closed', 'returned', 'reassigned')),
  category TEXT NOT NULL,
  sub_item TEXT,
  department TEXT NOT NULL,
  urgency TEXT NOT NULL CHECK (urgency IN ('urgent', 'normal')),
  district TEXT,
  street TEXT,
  place TEXT,
  description TEXT NOT NULL,
  discovered_at TEXT NOT NULL,
  dispatch_deadline TEXT NOT NULL,
  created_by INTEGER REFERENCES users (id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  change_seq INTEGER NOT NULL,               -- change_log.seq of the latest change: the downstream cursor
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX work_orders_change ON work_orders (change_seq);
CREATE INDEX work_orders_status ON work_orders (status);

-- Status history of a work order (created, dispatched, returned ..., re-routed).
CREATE TABLE work_order_events (
  id INTEGER PRIMARY KEY,
  work_order_id INTEGER NOT NULL REFERENCES work_orders (id),
  kind TEXT NOT NULL,                        -- 'status' | 'reroute' | 'edit'
  from_status TEXT,
  to_status TEXT,
  department TEXT,
  note TEXT,
  actor TEXT NOT NULL,                       -- 'user:3' | 'key:2' | 'system'
  at TEXT NOT NULL
);
CREATE INDEX work_order_events_order ON work_order_events (work_order_id, id);

-- A global, gap-free-in-commit-order sequence of changes. SQLite serialises writers, so a
-- consumer that reads seq > cursor never misses a change committed before its read.
CREATE TABLE change_log (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  entity TEXT NOT NULL,                      -- 'work_order' | 'lead'
  entity_id INTEGER NOT NULL,
  at TEXT NOT NULL
);

-- Per-name counters (work order numbers per day).
CREATE TABLE counters (
  name TEXT PRIMARY KEY,
  value INTEGER NOT NULL
);

-- Append-only: who, when, what, before and after.
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  actor TEXT NOT NULL,                       -- 'user:3' | 'key:2' | 'system'
  actor_name TEXT,
  entity TEXT NOT NULL,                      -- 'lead' | 'work_order' | 'user' | 'api_key' | ...
  entity_id TEXT NOT NULL,
  action TEXT NOT NULL,
  before TEXT,                               -- JSON
  after TEXT,                                -- JSON
  at TEXT NOT NULL
);
CREATE INDEX audit_entity ON audit_log (entity, entity_id, id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
