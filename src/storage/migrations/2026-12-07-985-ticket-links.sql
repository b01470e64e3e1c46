-- Issue #11 collision (已诉 / 未诉): a hotline ticket linked to the lead about the same problem (src/collision/).

-- One row per (lead, ticket) the matcher or a person linked. An undone link stays (state 'undone')
-- so that re-running the matcher never links the pair again; a ticket has at most one live link
-- (the department sees one problem, not two).
CREATE TABLE ticket_links (
  id INTEGER PRIMARY KEY,
  lead_id INTEGER NOT NULL REFERENCES leads (id),
  ticket_id INTEGER NOT NULL REFERENCES tickets (id),
  score REAL NOT NULL,                         -- the matcher's total, 0–1
  place_score REAL NOT NULL,                   -- 1 same place, street / district levels below
  category_score REAL NOT NULL,                -- sub-item agreement (the category itself must match)
  time_score REAL NOT NULL,                    -- 1 same moment, 0 at the window's edge
  text_score REAL NOT NULL,                    -- character-bigram Dice of the normalised texts
  relation TEXT NOT NULL CHECK (relation IN ('ticket_before', 'ticket_after')),
  state TEXT NOT NULL DEFAULT 'linked' CHECK (state IN ('linked', 'confirmed', 'undone')),
  linked_by TEXT NOT NULL,                     -- 'system' | 'user:3'
  linked_at TEXT NOT NULL,
  decided_by INTEGER REFERENCES users (id),    -- who confirmed or undid it
  decided_at TEXT,
  UNIQUE (lead_id, ticket_id)
);
CREATE INDEX ticket_links_ticket ON ticket_links (ticket_id, state);
-- A live link per ticket: the matcher's "already linked" check and the one-problem promise.
CREATE UNIQUE INDEX ticket_links_live_ticket ON ticket_links (ticket_id) WHERE state <> 'undone';

-- Candidate leads for a screened ticket: same category and district, first post time in a window.
CREATE INDEX leads_collision ON leads (category, district, coalesce(posted_at, discovered_at));
