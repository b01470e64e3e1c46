-- Summaries the supervisors' figures read instead of scanning leads, posts and order histories
-- (src/analytics/): a cold month of the overview read 100k leads, their 300k posts and 150k order
-- events. Each is kept by triggers, so the transaction that changes a lead, a lead's posts or an
-- order's history also changes its summary; test/analytics/summaries.test.ts compares each with a
-- recount. In primary keys '' stands for NULL (a key column cannot be NULL; no district,
-- street, sub-item or reason is '').

-- Leads per Beijing day of discovery and every dimension the overview and map break down by.
CREATE TABLE lead_daily (
  day TEXT NOT NULL,
  district TEXT NOT NULL,
  category TEXT NOT NULL,
  sub_item TEXT NOT NULL,
  status TEXT NOT NULL,
  reject_reason TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (day, district, category, sub_item, status, reject_reason)
) WITHOUT ROWID;
INSERT INTO lead_daily (day, district, category, sub_item, status, reject_reason, n)
  SELECT date(discovered_at, '+8 hours'), coalesce(district, ''), category, coalesce(sub_item, ''), status, coalesce(reject_reason, ''), count(*)
  FROM leads GROUP BY 1, 2, 3, 4, 5, 6;

-- Leads with a street per day, district, street and status (the streets would multiply lead_daily).
CREATE TABLE lead_street_daily (
  day TEXT NOT NULL,
  district TEXT NOT NULL,
  street TEXT NOT NULL,
  status TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (day, district, street, status)
) WITHOUT ROWID;
INSERT INTO lead_street_daily (day, district, street, status, n)
  SELECT date(discovered_at, '+8 hours'), coalesce(district, ''), street, status, count(*) FROM leads WHERE street IS NOT NULL GROUP BY 1, 2, 3, 4;

CREATE TRIGGER lead_daily_insert AFTER INSERT ON leads BEGIN
  INSERT INTO lead_daily (day, district, category, sub_item, status, reject_reason, n)
    VALUES (date(NEW.discovered_at, '+8 hours'), coalesce(NEW.district, ''), NEW.category, coalesce(NEW.sub_item, ''), NEW.status, coalesce(NEW.reject_reason, ''), 1)
    ON CONFLICT DO UPDATE SET n = n + 1;
  INSERT INTO lead_street_daily (day, district, street, status, n)
    SELECT date(NEW.discovered_at, '+8 hours'), coalesce(NEW.district, ''), NEW.street, NEW.status, 1 WHERE NEW.street IS NOT NULL
    ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER lead_daily_delete AFTER DELETE ON leads BEGIN
  UPDATE lead_daily SET n = n - 1 WHERE day = date(OLD.discovered_at, '+8 hours') AND district = coalesce(OLD.district, '') AND category = OLD.category
    AND sub_item = coalesce(OLD.sub_item, '') AND status = OLD.status AND reject_reason = coalesce(OLD.reject_reason, '');
  UPDATE lead_street_daily SET n = n - 1 WHERE day = date(OLD.discovered_at, '+8 hours') AND district = coalesce(OLD.district, '') AND street = OLD.street AND status = OLD.status;
END;
-- review (confirm, reject, merge, reopen), edits and reclassification: out of the old cell, into the new one
CREATE TRIGGER lead_daily_update AFTER UPDATE OF discovered_at, district, street, category, sub_item, status, reject_reason ON leads BEGIN
  UPDATE lead_daily SET n = n - 1 WHERE day = date(OLD.discovered_at, '+8 hours') AND district = coalesce(OLD.district, '') AND category = OLD.category
    AND sub_item = coalesce(OLD.sub_item, '') AND status = OLD.status AND reject_reason = coalesce(OLD.reject_reason, '');
  UPDATE lead_street_daily SET n = n - 1 WHERE day = date(OLD.discovered_at, '+8 hours') AND district = coalesce(OLD.district, '') AND street = OLD.street AND status = OLD.status;
  INSERT INTO lead_daily (day, district, category, sub_item, status, reject_reason, n)
    VALUES (date(NEW.discovered_at, '+8 hours'), coalesce(NEW.district, ''), NEW.category, coalesce(NEW.sub_item, ''), NEW.status, coalesce(NEW.reject_reason, ''), 1)
    ON CONFLICT DO UPDATE SET n = n + 1;
  INSERT INTO lead_street_daily (day, district, street, status, n)
    SELECT date(NEW.discovered_at, '+8 hours'), coalesce(NEW.district, ''), NEW.street, NEW.status, 1 WHERE NEW.street IS NOT NULL
    ON CONFLICT DO UPDATE SET n = n + 1;
END;

-- The platforms of each lead's posts (with how many posts), and leads per day, district and
-- platform: a lead counts on a platform from its first post there until its last one leaves.
CREATE TABLE lead_platforms (
  lead_id INTEGER NOT NULL,
  platform TEXT NOT NULL,
  posts INTEGER NOT NULL,
  PRIMARY KEY (lead_id, platform)
) WITHOUT ROWID;
INSERT INTO lead_platforms (lead_id, platform, posts)
  SELECT lp.lead_id, p.platform, count(*) FROM lead_posts lp JOIN posts p ON p.id = lp.post_id GROUP BY 1, 2;
CREATE TABLE lead_platform_daily (
  day TEXT NOT NULL,
  district TEXT NOT NULL,
  platform TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (day, district, platform)
) WITHOUT ROWID;
INSERT INTO lead_platform_daily (day, district, platform, n)
  SELECT date(l.discovered_at, '+8 hours'), coalesce(l.district, ''), x.platform, count(*) FROM lead_platforms x JOIN leads l ON l.id = x.lead_id GROUP BY 1, 2, 3;

CREATE TRIGGER lead_platforms_insert AFTER INSERT ON lead_platforms BEGIN
  INSERT INTO lead_platform_daily (day, district, platform, n)
    SELECT date(discovered_at, '+8 hours'), coalesce(district, ''), NEW.platform, 1 FROM leads WHERE id = NEW.lead_id
    ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER lead_platforms_delete AFTER DELETE ON lead_platforms BEGIN
  UPDATE lead_platform_daily SET n = n - 1
    WHERE (day, district, platform) = (SELECT date(discovered_at, '+8 hours'), coalesce(district, ''), OLD.platform FROM leads WHERE id = OLD.lead_id);
END;
CREATE TRIGGER lead_platforms_post_insert AFTER INSERT ON lead_posts BEGIN
  INSERT INTO lead_platforms (lead_id, platform, posts) SELECT NEW.lead_id, platform, 1 FROM posts WHERE id = NEW.post_id
    ON CONFLICT DO UPDATE SET posts = posts + 1;
END;
CREATE TRIGGER lead_platforms_post_delete AFTER DELETE ON lead_posts BEGIN
  UPDATE lead_platforms SET posts = posts - 1 WHERE lead_id = OLD.lead_id AND platform = (SELECT platform FROM posts WHERE id = OLD.post_id);
  DELETE FROM lead_platforms WHERE lead_id = OLD.lead_id AND posts = 0;
END;
-- a merge moves posts to the surviving lead
CREATE TRIGGER lead_platforms_post_move AFTER UPDATE OF lead_id, post_id ON lead_posts BEGIN
  UPDATE lead_platforms SET posts = posts - 1 WHERE lead_id = OLD.lead_id AND platform = (SELECT platform FROM posts WHERE id = OLD.post_id);
  DELETE FROM lead_platforms WHERE lead_id = OLD.lead_id AND posts = 0;
  INSERT INTO lead_platforms (lead_id, platform, posts) SELECT NEW.lead_id, platform, 1 FROM posts WHERE id = NEW.post_id
    ON CONFLICT DO UPDATE SET posts = posts + 1;
END;
CREATE TRIGGER lead_platform_daily_lead_move AFTER UPDATE OF discovered_at, district ON leads BEGIN
  UPDATE lead_platform_daily SET n = n - 1 WHERE day = date(OLD.discovered_at, '+8 hours') AND district = coalesce(OLD.district, '')
    AND platform IN (SELECT platform FROM lead_platforms WHERE lead_id = OLD.id);
  INSERT INTO lead_platform_daily (day, district, platform, n)
    SELECT date(NEW.discovered_at, '+8 hours'), coalesce(NEW.district, ''), platform, 1 FROM lead_platforms WHERE lead_id = NEW.id
    ON CONFLICT DO UPDATE SET n = n + 1;
END;

-- Each order's clock from its history: the first time it reached each step and whether it was
-- ever returned, reassigned or re-routed (src/analytics/order-clock.ts reads these, not the events).
CREATE TABLE work_order_clocks (
  work_order_id INTEGER PRIMARY KEY REFERENCES work_orders (id),
  dispatched_at TEXT,
  accepted_at TEXT,
  resolved_at TEXT,
  closed_at TEXT,
  detoured INTEGER NOT NULL
);
INSERT INTO work_order_clocks (work_order_id, dispatched_at, accepted_at, resolved_at, closed_at, detoured)
  SELECT o.id,
    (SELECT at FROM work_order_events WHERE work_order_id = o.id AND kind = 'status' AND to_status = 'dispatched' ORDER BY id LIMIT 1),
    (SELECT at FROM work_order_events WHERE work_order_id = o.id AND kind = 'status' AND to_status = 'accepted' ORDER BY id LIMIT 1),
    (SELECT at FROM work_order_events WHERE work_order_id = o.id AND kind = 'status' AND to_status = 'resolved' ORDER BY id LIMIT 1),
    (SELECT at FROM work_order_events WHERE work_order_id = o.id AND kind = 'status' AND to_status = 'closed' ORDER BY id LIMIT 1),
    EXISTS (SELECT 1 FROM work_order_events WHERE work_order_id = o.id AND (kind = 'reroute' OR to_status IN ('returned', 'reassigned')))
  FROM work_orders o;
-- history is append-only: each new event can only set a first time or the detour flag
CREATE TRIGGER work_order_clocks_event AFTER INSERT ON work_order_events BEGIN
  INSERT INTO work_order_clocks (work_order_id, dispatched_at, accepted_at, resolved_at, closed_at, detoured)
    VALUES (NEW.work_order_id, NULL, NULL, NULL, NULL, 0) ON CONFLICT DO NOTHING;
  UPDATE work_order_clocks SET
    dispatched_at = coalesce(dispatched_at, CASE WHEN NEW.kind = 'status' AND NEW.to_status = 'dispatched' THEN NEW.at END),
    accepted_at = coalesce(accepted_at, CASE WHEN NEW.kind = 'status' AND NEW.to_status = 'accepted' THEN NEW.at END),
    resolved_at = coalesce(resolved_at, CASE WHEN NEW.kind = 'status' AND NEW.to_status = 'resolved' THEN NEW.at END),
    closed_at = coalesce(closed_at, CASE WHEN NEW.kind = 'status' AND NEW.to_status = 'closed' THEN NEW.at END),
    detoured = detoured OR NEW.kind = 'reroute' OR coalesce(NEW.to_status IN ('returned', 'reassigned'), 0)
  WHERE work_order_id = NEW.work_order_id;
END;
-- the orders of a period with what the overview reads of them, without table lookups
CREATE INDEX work_orders_clock ON work_orders (created_at, district, status, discovered_at, dispatch_deadline);
-- hotspots: each lead's order number without a table lookup
CREATE INDEX work_orders_lead_number ON work_orders (lead_id, number);
