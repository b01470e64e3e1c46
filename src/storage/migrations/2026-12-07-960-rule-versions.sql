-- Issue #12, 规则 console: every text a rule file (rules/packs/*.yaml, exclusions, signals, urgency)
-- had when the web app activated it (activate, rollback) or found it changed on disk (import), with
-- who and when, so versions can be compared and rolled back. Rows are never changed.
CREATE TABLE rule_versions (
  id INTEGER PRIMARY KEY,
  file TEXT NOT NULL,                        -- path inside the rules folder, e.g. packs/noise.yaml
  version INTEGER NOT NULL,                  -- 1, 2, ... per file
  yaml TEXT NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('import', 'activate', 'rollback')),
  actor TEXT NOT NULL,                       -- actorRef: 'user:3', 'system'
  actor_name TEXT,
  created_at TEXT NOT NULL,
  UNIQUE (file, version)
);
CREATE TRIGGER rule_versions_append_only BEFORE UPDATE ON rule_versions BEGIN
  SELECT RAISE(ABORT, 'rule_versions is append-only');
END;
