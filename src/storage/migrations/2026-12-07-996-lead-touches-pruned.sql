-- lead_touches keeps its newest 10,000 entries: a copy further behind than that is read again whole
-- (src/analytics/lead-mirror.ts re-reads past 5,000 touched leads anyway). Pruned every 1,000 entries.
CREATE TRIGGER lead_touches_prune AFTER INSERT ON lead_touches WHEN new.seq % 1000 = 0 BEGIN
  DELETE FROM lead_touches WHERE seq <= new.seq - 10000;
END;
