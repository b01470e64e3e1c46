-- Issue 12: a run says which process runs it (pid) and that it is still alive (heartbeat_at, every few
-- seconds), so that the next start of anything marks a killed run interrupted and never a live one
-- of another process; and what it found worth a look (warnings: JSON array of {kind, field, message}).
ALTER TABLE crawl_runs ADD COLUMN pid INTEGER;
ALTER TABLE crawl_runs ADD COLUMN heartbeat_at TEXT;
ALTER TABLE crawl_runs ADD COLUMN warnings TEXT;
CREATE INDEX crawl_runs_running ON crawl_runs (status) WHERE status = 'running';
