-- Crawling: run history, per-platform health, and the crash-safe frontier of a sweep.

CREATE TABLE crawl_runs (
  id INTEGER PRIMARY KEY,
  platform TEXT NOT NULL,
  trigger TEXT NOT NULL,                     -- 'schedule' | 'cli' | 'resume' | 'demo'
  status TEXT NOT NULL CHECK (status IN ('running', 'ok', 'partial', 'failed', 'interrupted')),
  started_at TEXT NOT NULL,
  ended_at TEXT,
  pages INTEGER NOT NULL DEFAULT 0,
  new_posts INTEGER NOT NULL DEFAULT 0,
  seen_posts INTEGER NOT NULL DEFAULT 0,
  errors INTEGER NOT NULL DEFAULT 0,
  error_summary TEXT                         -- first errors, one per line
);
CREATE INDEX crawl_runs_platform ON crawl_runs (platform, id DESC);

CREATE TABLE crawl_health (
  platform TEXT PRIMARY KEY,
  state TEXT NOT NULL CHECK (state IN ('ok', 'failing', 'backing_off', 'disabled', 'invalid')),
  definition_file TEXT,
  last_run_at TEXT,
  last_success_at TEXT,
  consecutive_failures INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT,                      -- backing off: no scheduled run before this
  last_error TEXT,
  updated_at TEXT NOT NULL
);

-- Requests of a sweep not yet done. A page's posts, the removal of its row and the rows of
-- the pages it leads to are written in one transaction, so kill -9 resumes exactly here.
CREATE TABLE crawl_frontier (
  platform TEXT NOT NULL,
  request_key TEXT NOT NULL,
  url TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('listing', 'detail')),
  data TEXT NOT NULL DEFAULT '{}',           -- JSON: page number, cursor, listing fields of a detail
  added_at TEXT NOT NULL,
  PRIMARY KEY (platform, request_key)
);
