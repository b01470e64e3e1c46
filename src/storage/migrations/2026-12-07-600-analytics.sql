-- Supervisors' figures (src/analytics/): overview, hotspots, map, weekly reports, watched topics.
-- Periods are Beijing calendar days, so every bucket is date(t, '+8 hours').

-- Posts crawled per Beijing day and platform: 1M posts counted without reading them. Kept by
-- triggers, so the transaction that stores or removes a post also changes its count.
CREATE TABLE post_daily (
  day TEXT NOT NULL,
  platform TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (day, platform)
) WITHOUT ROWID;
INSERT INTO post_daily (day, platform, n)
  SELECT date(first_seen_at, '+8 hours'), platform, count(*) FROM posts GROUP BY 1, 2;
CREATE TRIGGER post_daily_insert AFTER INSERT ON posts BEGIN
  INSERT INTO post_daily (day, platform, n) VALUES (date(NEW.first_seen_at, '+8 hours'), NEW.platform, 1)
    ON CONFLICT (day, platform) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER post_daily_delete AFTER DELETE ON posts BEGIN
  UPDATE post_daily SET n = n - 1 WHERE day = date(OLD.first_seen_at, '+8 hours') AND platform = OLD.platform;
END;

-- Leads of a period with every column the overview and hotspot queries read (covering: no table lookups).
CREATE INDEX leads_analytics ON leads (discovered_at, district, street, place, category, sub_item, status, reject_reason, urgency);
-- Work orders of a period, and overdue-now per district.
CREATE INDEX work_orders_analytics ON work_orders (created_at, district, status, category, sub_item, dispatch_deadline, dispatched_at, resolved_at);
CREATE INDEX work_orders_district_due ON work_orders (district, due_at) WHERE due_at IS NOT NULL;
-- Recurrence: orders resolved at a place, by resolution time.
CREATE INDEX work_orders_resolved ON work_orders (resolved_at) WHERE resolved_at IS NOT NULL;

-- A hotspot, recurring problem or city-wide class a supervisor follows (关注的专题).
CREATE TABLE watched_topics (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('hotspot', 'recurring', 'class')),
  filter TEXT NOT NULL,                      -- JSON: {district, street, place, category, sub_item}
  created_by INTEGER REFERENCES users (id),
  created_at TEXT NOT NULL
);

-- 每周一议: each report's figures as generated (JSON), so a listed report reads as it was.
CREATE TABLE weekly_reports (
  id INTEGER PRIMARY KEY,
  period_from TEXT NOT NULL,                 -- Beijing day, inclusive
  period_to TEXT NOT NULL,                   -- Beijing day, inclusive
  trigger TEXT NOT NULL CHECK (trigger IN ('schedule', 'manual')),
  data TEXT NOT NULL,
  generated_at TEXT NOT NULL
);
CREATE INDEX weekly_reports_generated ON weekly_reports (generated_at);
