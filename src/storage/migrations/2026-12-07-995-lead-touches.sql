-- A journal of the leads whose placed fields changed (insert, delete, and updates of the time, status,
-- place or class), kept by triggers in the transaction that changes them, so a figure thread's copy
-- of a period's live leads (src/analytics/lead-mirror.ts) re-reads only those, whatever wrote them.
CREATE TABLE lead_touches (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  lead_id INTEGER NOT NULL
);
CREATE TRIGGER lead_touches_insert AFTER INSERT ON leads BEGIN
  INSERT INTO lead_touches (lead_id) VALUES (new.id);
END;
CREATE TRIGGER lead_touches_update AFTER UPDATE OF discovered_at, status, district, street, place, category, sub_item ON leads BEGIN
  INSERT INTO lead_touches (lead_id) VALUES (new.id);
END;
CREATE TRIGGER lead_touches_delete AFTER DELETE ON leads BEGIN
  INSERT INTO lead_touches (lead_id) VALUES (old.id);
END;
