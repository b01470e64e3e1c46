-- Keyword search, cheaper per query (review queue p95 goal, bench/README.md "Review queue").
-- 1. The search text moves to a plain table, lead_text (lead_id = leads.id). The walk plan tests
--    each queue row's text by primary key: a b-tree seek instead of a full-text virtual-table
--    lookup (which runs a statement of its own per row). It stays THE definition of a match
--    (summary, place, posts' title and text, capped at 6,000 characters; LIKE on it).
-- 2. lead_search becomes an external-content index of lead_text with detail=none: it records only
--    which leads contain a trigram (no positions), a sixth of the size, and an AND of trigrams is
--    read about twice as fast. A phrase of more than one trigram is no longer possible, so the
--    planner asks for a term's rarest trigrams (a superset of the leads containing the term), and
--    LIKE on lead_text decides, as it always did. columnsize=0: no per-row token counts (no bm25).
-- 3. The index is built in one pass and merged into one segment (the seeded store had three).
-- lead_search is written only by the lead_text triggers below: an external-content index must be
-- told the exact old text of a row it forgets, which only these triggers know.

DROP TRIGGER lead_search_lead_insert;
DROP TRIGGER lead_search_lead_delete;
DROP TRIGGER lead_search_lead_update;
DROP TRIGGER lead_search_post_insert;
DROP TRIGGER lead_search_post_move;
DROP TRIGGER lead_search_post_delete;
DROP TABLE lead_search_terms;

CREATE TABLE lead_text (
  lead_id INTEGER PRIMARY KEY,  -- leads.id
  body TEXT NOT NULL
);
INSERT INTO lead_text (lead_id, body) SELECT rowid, body FROM lead_search ORDER BY rowid;
DROP TABLE lead_search;

CREATE VIRTUAL TABLE lead_search USING fts5(body, content = 'lead_text', content_rowid = 'lead_id', tokenize = 'trigram', detail = none, columnsize = 0);
INSERT INTO lead_search (lead_search) VALUES ('rebuild');
INSERT INTO lead_search (lead_search) VALUES ('optimize');
-- Trigram document counts for the planner (1–2 character terms, estimates), as before.
CREATE VIRTUAL TABLE lead_search_terms USING fts5vocab(lead_search, row);

-- The index follows the text.
CREATE TRIGGER lead_text_insert AFTER INSERT ON lead_text BEGIN
  INSERT INTO lead_search (rowid, body) VALUES (NEW.lead_id, NEW.body);
END;
CREATE TRIGGER lead_text_delete AFTER DELETE ON lead_text BEGIN
  INSERT INTO lead_search (lead_search, rowid, body) VALUES ('delete', OLD.lead_id, OLD.body);
END;
CREATE TRIGGER lead_text_update AFTER UPDATE ON lead_text BEGIN
  INSERT INTO lead_search (lead_search, rowid, body) VALUES ('delete', OLD.lead_id, OLD.body);
  INSERT INTO lead_search (rowid, body) VALUES (NEW.lead_id, NEW.body);
END;

-- The text follows the lead and its posts: the triggers of 2026-11-22-002, writing lead_text.
CREATE TRIGGER lead_text_lead_insert AFTER INSERT ON leads BEGIN
  INSERT INTO lead_text (lead_id, body) VALUES (NEW.id, coalesce(NEW.summary, '') || ' ' || coalesce(NEW.place, '') || ' ');
END;
CREATE TRIGGER lead_text_lead_delete AFTER DELETE ON leads BEGIN
  DELETE FROM lead_text WHERE lead_id = OLD.id;
END;
CREATE TRIGGER lead_text_lead_update AFTER UPDATE OF summary, place ON leads BEGIN
  DELETE FROM lead_text WHERE lead_id = NEW.id;
  INSERT INTO lead_text (lead_id, body)
    SELECT NEW.id, substr(coalesce(NEW.summary, '') || ' ' || coalesce(NEW.place, '') || ' ' || coalesce(group_concat(coalesce(p.title, '') || ' ' || p.text || ' ', ' '), ''), 1, 6000)
    FROM lead_posts lp JOIN posts p ON p.id = lp.post_id WHERE lp.lead_id = NEW.id;
END;
-- A post joining a lead appends its text (until the cap).
CREATE TRIGGER lead_text_post_insert AFTER INSERT ON lead_posts BEGIN
  UPDATE lead_text SET body = substr(body || ' ' || (SELECT coalesce(title, '') || ' ' || text || ' ' FROM posts WHERE id = NEW.post_id), 1, 6000)
  WHERE lead_id = NEW.lead_id AND length(body) < 6000;
END;
-- Moves (merge, reopen) and removals rebuild both leads' texts.
CREATE TRIGGER lead_text_post_move AFTER UPDATE OF lead_id ON lead_posts BEGIN
  DELETE FROM lead_text WHERE lead_id IN (OLD.lead_id, NEW.lead_id);
  INSERT INTO lead_text (lead_id, body)
    SELECT l.id, substr(coalesce(l.summary, '') || ' ' || coalesce(l.place, '') || ' ' ||
      coalesce((SELECT group_concat(coalesce(p.title, '') || ' ' || p.text || ' ', ' ') FROM lead_posts lp JOIN posts p ON p.id = lp.post_id WHERE lp.lead_id = l.id), ''), 1, 6000)
    FROM leads l WHERE l.id IN (OLD.lead_id, NEW.lead_id);
END;
CREATE TRIGGER lead_text_post_delete AFTER DELETE ON lead_posts BEGIN
  DELETE FROM lead_text WHERE lead_id = OLD.lead_id;
  INSERT INTO lead_text (lead_id, body)
    SELECT l.id, substr(coalesce(l.summary, '') || ' ' || coalesce(l.place, '') || ' ' ||
      coalesce((SELECT group_concat(coalesce(p.title, '') || ' ' || p.text || ' ', ' ') FROM lead_posts lp JOIN posts p ON p.id = lp.post_id WHERE lp.lead_id = l.id), ''), 1, 6000)
    FROM leads l WHERE l.id = OLD.lead_id;
END;
