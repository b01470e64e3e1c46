-- Collision's candidate searches (src/storage/ticket-links.ts) decide on the index alone: the
-- window, the status and the place (two named places that differ are two problems) are in it, so
-- only the few rows that pass are read from the table. Measured in bench/README.md (collision).
DROP INDEX leads_collision;
CREATE INDEX leads_collision ON leads (category, district, coalesce(posted_at, discovered_at), status, place);
CREATE INDEX tickets_collision ON tickets (category, district, received_at, screened_at, place);
