-- Short (1–2 character) keyword search through the trigram index: the index's vocabulary lists
-- every trigram, so a 2-character term expands to the trigrams that start with it. Each body now
-- ends with a space, so a term at the very end of a text still starts a trigram ("塌陷 ").
CREATE VIRTUAL TABLE lead_search_terms USING fts5vocab(lead_search, row);

-- Opening a lead lists the leads merged into it.
CREATE INDEX leads_merged_into ON leads (merged_into) WHERE merged_into IS NOT NULL;

DROP TRIGGER lead_search_lead_insert;
DROP TRIGGER lead_search_lead_update;
DROP TRIGGER lead_search_post_insert;
DROP TRIGGER lead_search_post_move;
DROP TRIGGER lead_search_post_delete;

CREATE TRIGGER lead_search_lead_insert AFTER INSERT ON leads BEGIN
  INSERT INTO lead_search (rowid, body) VALUES (NEW.id, coalesce(NEW.summary, '') || ' ' || coalesce(NEW.place, '') || ' ');
END;
CREATE TRIGGER lead_search_lead_update AFTER UPDATE OF summary, place ON leads BEGIN
  DELETE FROM lead_search WHERE rowid = NEW.id;
  INSERT INTO lead_search (rowid, body)
    SELECT NEW.id, coalesce(NEW.summary, '') || ' ' || coalesce(NEW.place, '') || ' ' || coalesce(group_concat(coalesce(p.title, '') || ' ' || p.text || ' ', ' '), '')
    FROM lead_posts lp JOIN posts p ON p.id = lp.post_id WHERE lp.lead_id = NEW.id;
END;
CREATE TRIGGER lead_search_post_insert AFTER INSERT ON lead_posts BEGIN
  UPDATE lead_search SET body = body || ' ' || (SELECT coalesce(title, '') || ' ' || text || ' ' FROM posts WHERE id = NEW.post_id)
  WHERE rowid = NEW.lead_id;
END;
CREATE TRIGGER lead_search_post_move AFTER UPDATE OF lead_id ON lead_posts BEGIN
  DELETE FROM lead_search WHERE rowid IN (OLD.lead_id, NEW.lead_id);
  INSERT INTO lead_search (rowid, body)
    SELECT l.id, coalesce(l.summary, '') || ' ' || coalesce(l.place, '') || ' ' ||
      coalesce((SELECT group_concat(coalesce(p.title, '') || ' ' || p.text || ' ', ' ') FROM lead_posts lp JOIN posts p ON p.id = lp.post_id WHERE lp.lead_id = l.id), '')
    FROM leads l WHERE l.id IN (OLD.lead_id, NEW.lead_id);
END;
CREATE TRIGGER lead_search_post_delete AFTER DELETE ON lead_posts BEGIN
  DELETE FROM lead_search WHERE rowid = OLD.lead_id;
  INSERT INTO lead_search (rowid, body)
    SELECT l.id, coalesce(l.summary, '') || ' ' || coalesce(l.place, '') || ' ' ||
      coalesce((SELECT group_concat(coalesce(p.title, '') || ' ' || p.text || ' ', ' ') FROM lead_posts lp JOIN posts p ON p.id = lp.post_id WHERE lp.lead_id = l.id), '')
    FROM leads l WHERE l.id = OLD.lead_id;
END;

DELETE FROM lead_search;
INSERT INTO lead_search (rowid, body)
  SELECT l.id, coalesce(l.summary, '') || ' ' || coalesce(l.place, '') || ' ' ||
    coalesce((SELECT group_concat(coalesce(p.title, '') || ' ' || p.text || ' ', ' ') FROM lead_posts lp JOIN posts p ON p.id = lp.post_id WHERE lp.lead_id = l.id), '')
  FROM leads l;
