-- A lead's search text is its summary, place and its posts' text, appended as posts join. A viral
-- incident gathers thousands of reposts: re-indexing an ever longer text on every join made filing
-- quadratic. The text now stops growing at 6,000 characters (about a hundred posts; reposts add
-- no new words), in every trigger that writes it.
DROP TRIGGER lead_search_lead_update;
DROP TRIGGER lead_search_post_insert;
DROP TRIGGER lead_search_post_move;
DROP TRIGGER lead_search_post_delete;

CREATE TRIGGER lead_search_lead_update AFTER UPDATE OF summary, place ON leads BEGIN
  DELETE FROM lead_search WHERE rowid = NEW.id;
  INSERT INTO lead_search (rowid, body)
    SELECT NEW.id, substr(coalesce(NEW.summary, '') || ' ' || coalesce(NEW.place, '') || ' ' || coalesce(group_concat(coalesce(p.title, '') || ' ' || p.text || ' ', ' '), ''), 1, 6000)
    FROM lead_posts lp JOIN posts p ON p.id = lp.post_id WHERE lp.lead_id = NEW.id;
END;
CREATE TRIGGER lead_search_post_insert AFTER INSERT ON lead_posts BEGIN
  UPDATE lead_search SET body = substr(body || ' ' || (SELECT coalesce(title, '') || ' ' || text || ' ' FROM posts WHERE id = NEW.post_id), 1, 6000)
  WHERE rowid = NEW.lead_id AND length(body) < 6000;
END;
CREATE TRIGGER lead_search_post_move AFTER UPDATE OF lead_id ON lead_posts BEGIN
  DELETE FROM lead_search WHERE rowid IN (OLD.lead_id, NEW.lead_id);
  INSERT INTO lead_search (rowid, body)
    SELECT l.id, substr(coalesce(l.summary, '') || ' ' || coalesce(l.place, '') || ' ' ||
      coalesce((SELECT group_concat(coalesce(p.title, '') || ' ' || p.text || ' ', ' ') FROM lead_posts lp JOIN posts p ON p.id = lp.post_id WHERE lp.lead_id = l.id), ''), 1, 6000)
    FROM leads l WHERE l.id IN (OLD.lead_id, NEW.lead_id);
END;
CREATE TRIGGER lead_search_post_delete AFTER DELETE ON lead_posts BEGIN
  DELETE FROM lead_search WHERE rowid = OLD.lead_id;
  INSERT INTO lead_search (rowid, body)
    SELECT l.id, substr(coalesce(l.summary, '') || ' ' || coalesce(l.place, '') || ' ' ||
      coalesce((SELECT group_concat(coalesce(p.title, '') || ' ' || p.text || ' ', ' ') FROM lead_posts lp JOIN posts p ON p.id = lp.post_id WHERE lp.lead_id = l.id), ''), 1, 6000)
    FROM leads l WHERE l.id = OLD.lead_id;
END;

UPDATE lead_search SET body = substr(body, 1, 6000) WHERE length(body) > 6000;
