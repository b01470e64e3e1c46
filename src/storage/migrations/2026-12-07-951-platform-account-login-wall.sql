-- Issue 12 (platform accounts in the engines): when an account last met a login wall, so that the
-- rotation skips it for a while, across runs and processes.
ALTER TABLE platform_accounts ADD COLUMN login_wall_at TEXT;
