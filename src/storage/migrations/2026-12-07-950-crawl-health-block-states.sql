-- Issue 12 (block detection): a platform answering with a login wall, a captcha or empty 200 pages
-- gets a health state that says so. SQLite cannot change a CHECK in place: the table is rebuilt.
CREATE TABLE crawl_health_new (
  platform TEXT PRIMARY KEY,
  state TEXT NOT NULL CHECK (state IN ('ok', 'failing', 'backing_off', 'disabled', 'invalid', 'login_required', 'captcha', 'empty_pages')),
  definition_file TEXT,
  last_run_at TEXT,
  last_success_at TEXT,
  consecutive_failures INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT,                      -- backing off: no scheduled run before this
  last_error TEXT,
  updated_at TEXT NOT NULL
);
INSERT INTO crawl_health_new (platform, state, definition_file, last_run_at, last_success_at, consecutive_failures, next_attempt_at, last_error, updated_at)
  SELECT platform, state, definition_file, last_run_at, last_success_at, consecutive_failures, next_attempt_at, last_error, updated_at FROM crawl_health;
DROP TABLE crawl_health;
ALTER TABLE crawl_health_new RENAME TO crawl_health;
