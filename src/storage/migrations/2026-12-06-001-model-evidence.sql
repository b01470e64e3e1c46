-- Issue 9: the verdict's evidence (rules, model probability, weighing n-grams) shown on the lead
-- page, and posts the verdict turned down but the model found plausible (可能遗漏), sampled within
-- a daily budget for verifiers to decide; their decisions become training examples.
ALTER TABLE leads ADD COLUMN evidence TEXT NOT NULL DEFAULT '{}';

CREATE TABLE missed_candidates (
  id INTEGER PRIMARY KEY,
  post_id INTEGER NOT NULL UNIQUE REFERENCES posts (id),
  p_lead REAL NOT NULL,
  category TEXT,                              -- the model's guess
  evidence TEXT NOT NULL DEFAULT '{}',        -- JSON: the verdict's evidence
  sampled_on TEXT NOT NULL,                   -- YYYY-MM-DD (UTC) the budget is counted on
  created_at TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'lead', 'not_lead')),
  decided_category TEXT,
  decided_by INTEGER REFERENCES users (id),
  decided_at TEXT,
  lead_id INTEGER REFERENCES leads (id)
);
CREATE INDEX missed_candidates_open ON missed_candidates (status, p_lead DESC, id);
CREATE INDEX missed_candidates_day ON missed_candidates (sampled_on);
