-- The verifier's queue: when the problem was posted (not only when we found it), three more
-- orders besides urgency-first, and "what I decided today".

-- The earliest publication time among a lead's posts (NULL: no post said when). A post found
-- today may have been written months ago; the queue shows and sorts by this.
ALTER TABLE leads ADD COLUMN posted_at TEXT;
UPDATE leads SET posted_at = (
  SELECT min(p.published_at) FROM lead_posts lp JOIN posts p ON p.id = lp.post_id WHERE lp.lead_id = leads.id
);

-- A joining post can only make it earlier (no re-read of the other posts: a viral lead has thousands).
CREATE TRIGGER leads_posted_at_post_insert AFTER INSERT ON lead_posts BEGIN
  UPDATE leads SET posted_at = (SELECT CASE WHEN leads.posted_at IS NULL OR p.published_at < leads.posted_at THEN p.published_at ELSE leads.posted_at END
                                FROM posts p WHERE p.id = NEW.post_id)
  WHERE id = NEW.lead_id;
END;
-- Moves (merge, reopen) and removals are rare: recompute both leads.
CREATE TRIGGER leads_posted_at_post_move AFTER UPDATE OF lead_id ON lead_posts BEGIN
  UPDATE leads SET posted_at = (SELECT min(p.published_at) FROM lead_posts lp JOIN posts p ON p.id = lp.post_id WHERE lp.lead_id = leads.id)
  WHERE id IN (OLD.lead_id, NEW.lead_id);
END;
CREATE TRIGGER leads_posted_at_post_delete AFTER DELETE ON lead_posts BEGIN
  UPDATE leads SET posted_at = (SELECT min(p.published_at) FROM lead_posts lp JOIN posts p ON p.id = lp.post_id WHERE lp.lead_id = leads.id)
  WHERE id = OLD.lead_id;
END;

-- One key per order, each ending in the id so keys are unique and a keyset cursor is "key < ?"
-- (these orders are read newest/hottest first, walking their index backwards).
ALTER TABLE leads ADD COLUMN heat_key TEXT GENERATED ALWAYS AS (
  printf('%020.6f', max(0.0, min(heat, 999999999999.0))) || printf('%012d', id)
) VIRTUAL;
ALTER TABLE leads ADD COLUMN posted_key TEXT GENERATED ALWAYS AS (
  coalesce(posted_at, discovered_at) || printf('%012d', id)
) VIRTUAL;
ALTER TABLE leads ADD COLUMN discovered_key TEXT GENERATED ALWAYS AS (
  discovered_at || printf('%012d', id)
) VIRTUAL;
CREATE INDEX leads_sort_heat ON leads (status, heat_key);
CREATE INDEX leads_sort_posted ON leads (status, posted_key);
CREATE INDEX leads_sort_discovered ON leads (status, discovered_key);

-- "我的处理记录": one person's entries in a time window.
CREATE INDEX audit_actor_at ON audit_log (actor, at);
