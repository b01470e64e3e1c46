-- Review queue: one sortable key per lead for keyset pagination, a trigram full-text index over
-- each lead's summary and its posts' text (kept in sync by triggers), and merge records.

-- Queue order as one ascending string: urgent first, then score and heat (high first), then
-- discovery (old first), then id. A keyset cursor is then just "queue_key > ?", an index seek at any depth.
-- Assumes 0 <= score, heat < 1e12 (clamped).
ALTER TABLE leads ADD COLUMN queue_key TEXT GENERATED ALWAYS AS (
  (CASE urgency WHEN 'urgent' THEN '0' ELSE '1' END)
  || printf('%020.6f', 999999999999.0 - max(0.0, min(score, 999999999999.0)))
  || printf('%020.6f', 999999999999.0 - max(0.0, min(heat, 999999999999.0)))
  || discovered_at
  || printf('%012d', id)
) VIRTUAL;
CREATE INDEX leads_review_queue ON leads (status, queue_key);
CREATE INDEX leads_review_category ON leads (status, category, queue_key);
CREATE INDEX leads_review_district ON leads (status, district, queue_key);
CREATE INDEX posts_platform ON posts (platform);
CREATE INDEX lead_posts_lead ON lead_posts (lead_id, post_id);

-- rowid = leads.id. Trigram works for Chinese without a dictionary (queries need >= 3 characters;
-- shorter ones fall back to LIKE in the queue query).
CREATE VIRTUAL TABLE lead_search USING fts5(body, tokenize = 'trigram');

CREATE TRIGGER lead_search_lead_insert AFTER INSERT ON leads BEGIN
  INSERT INTO lead_search (rowid, body) VALUES (NEW.id, coalesce(NEW.summary, '') || ' ' || coalesce(NEW.place, ''));
END;
CREATE TRIGGER lead_search_lead_delete AFTER DELETE ON leads BEGIN
  DELETE FROM lead_search WHERE rowid = OLD.id;
END;
CREATE TRIGGER lead_search_lead_update AFTER UPDATE OF summary, place ON leads BEGIN
  DELETE FROM lead_search WHERE rowid = NEW.id;
  INSERT INTO lead_search (rowid, body)
    SELECT NEW.id, coalesce(NEW.summary, '') || ' ' || coalesce(NEW.place, '') || ' ' || coalesce(group_concat(coalesce(p.title, '') || ' ' || p.text, ' '), '')
    FROM lead_posts lp JOIN posts p ON p.id = lp.post_id WHERE lp.lead_id = NEW.id;
END;
-- A post joining a lead appends its text (cheap: no re-read of the other posts).
CREATE TRIGGER lead_search_post_insert AFTER INSERT ON lead_posts BEGIN
  UPDATE lead_search SET body = body || ' ' || (SELECT coalesce(title, '') || ' ' || text FROM posts WHERE id = NEW.post_id)
  WHERE rowid = NEW.lead_id;
END;
-- Moves (merge, reopen) and removals rebuild both leads' bodies.
CREATE TRIGGER lead_search_post_move AFTER UPDATE OF lead_id ON lead_posts BEGIN
  DELETE FROM lead_search WHERE rowid IN (OLD.lead_id, NEW.lead_id);
  INSERT INTO lead_search (rowid, body)
    SELECT l.id, coalesce(l.summary, '') || ' ' || coalesce(l.place, '') || ' ' ||
      coalesce((SELECT group_concat(coalesce(p.title, '') || ' ' || p.text, ' ') FROM lead_posts lp JOIN posts p ON p.id = lp.post_id WHERE lp.lead_id = l.id), '')
    FROM leads l WHERE l.id IN (OLD.lead_id, NEW.lead_id);
END;
CREATE TRIGGER lead_search_post_delete AFTER DELETE ON lead_posts BEGIN
  DELETE FROM lead_search WHERE rowid = OLD.lead_id;
  INSERT INTO lead_search (rowid, body)
    SELECT l.id, coalesce(l.summary, '') || ' ' || coalesce(l.place, '') || ' ' ||
      coalesce((SELECT group_concat(coalesce(p.title, '') || ' ' || p.text, ' ') FROM lead_posts lp JOIN posts p ON p.id = lp.post_id WHERE lp.lead_id = l.id), '')
    FROM leads l WHERE l.id = OLD.lead_id;
END;

INSERT INTO lead_search (rowid, body)
  SELECT l.id, coalesce(l.summary, '') || ' ' || coalesce(l.place, '') || ' ' ||
    coalesce((SELECT group_concat(coalesce(p.title, '') || ' ' || p.text, ' ') FROM lead_posts lp JOIN posts p ON p.id = lp.post_id WHERE lp.lead_id = l.id), '')
  FROM leads l;

-- What a merge moved, so reopening the merged lead can move its posts and heat back.
CREATE TABLE lead_merges (
  id INTEGER PRIMARY KEY,
  source_id INTEGER NOT NULL REFERENCES leads (id),
  target_id INTEGER NOT NULL REFERENCES leads (id),
  post_ids TEXT NOT NULL,                    -- JSON array of posts.id moved
  heat REAL NOT NULL,
  spans TEXT NOT NULL,                       -- JSON: the source's spans, appended to the target
  actor TEXT NOT NULL,
  at TEXT NOT NULL,
  undone_at TEXT
);
CREATE INDEX lead_merges_source ON lead_merges (source_id, id);
