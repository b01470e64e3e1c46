-- A lead merged into another takes its 12345 links along (src/collision/): the order made from the
-- target lists the tickets, and the target is 已诉 if a moved ticket came before it. A pair the
-- target already has (live or undone) keeps the target's; the relation is recomputed against the
-- target's first post time (posts move before the status changes, lead-merge.ts).
CREATE TRIGGER ticket_links_follow_merge AFTER UPDATE OF status ON leads
WHEN NEW.status = 'merged' AND NEW.merged_into IS NOT NULL AND OLD.status <> 'merged'
BEGIN
  DELETE FROM ticket_links WHERE lead_id = NEW.id AND ticket_id IN (SELECT ticket_id FROM ticket_links WHERE lead_id = NEW.merged_into);
  UPDATE ticket_links SET lead_id = NEW.merged_into, relation = (
      SELECT CASE WHEN t.received_at < coalesce(l.posted_at, l.discovered_at) THEN 'ticket_before' ELSE 'ticket_after' END
      FROM tickets t, leads l WHERE t.id = ticket_links.ticket_id AND l.id = NEW.merged_into)
    WHERE lead_id = NEW.id;
END;
