-- Issue #12, 采集平台 console: every text a crawler file had when the web app wrote it (create,
-- edit, restore, enable, disable, delete) or found it changed on disk (import), with who and when,
-- so versions can be compared and restored. Rows are never changed; deleting a file keeps them.
CREATE TABLE platform_versions (
  id INTEGER PRIMARY KEY,
  platform TEXT NOT NULL,                    -- the platform key (the file's name: or its file name)
  version INTEGER NOT NULL,                  -- 1, 2, ... per platform
  file TEXT NOT NULL,                        -- the file's name inside the crawlers folder
  yaml TEXT NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('import', 'create', 'edit', 'restore', 'enable', 'disable', 'delete')),
  actor TEXT NOT NULL,                       -- actorRef: 'user:3', 'system'
  actor_name TEXT,
  created_at TEXT NOT NULL,
  UNIQUE (platform, version)
);
CREATE TRIGGER platform_versions_append_only BEFORE UPDATE ON platform_versions BEGIN
  SELECT RAISE(ABORT, 'platform_versions is append-only');
END;
