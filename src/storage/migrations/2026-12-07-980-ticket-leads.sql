-- Issue #11: 热线线索, tickets screened through 过筛子 topics (rules/screening-topics.yaml) and the
-- engine's own verdict (topic engine_lead), each hit reviewed by supervisors (src/ticket-leads/).

-- One row per (ticket, topic) hit: screening again never duplicates one.
CREATE TABLE ticket_leads (
  id INTEGER PRIMARY KEY,
  ticket_id INTEGER NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
  topic TEXT NOT NULL,                       -- a topic code of rules/screening-topics.yaml, or engine_lead
  received_at TEXT NOT NULL,                 -- the ticket's, copied: the list's keyset order
  reasons TEXT NOT NULL,                     -- JSON: the filters that held and the rules that fired (phrases)
  spans TEXT NOT NULL DEFAULT '[]',          -- JSON: [{start, end, rule}] in the ticket's title + '\n' + text
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'valuable', 'dismissed', 'transferred')),
  dismiss_reason TEXT,
  recipient TEXT,                            -- transferred: to whom
  note TEXT,
  reviewed_by INTEGER REFERENCES users (id),
  reviewed_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (ticket_id, topic)
);
CREATE INDEX ticket_leads_received ON ticket_leads (received_at, id);
CREATE INDEX ticket_leads_topic ON ticket_leads (topic, status, received_at, id);
CREATE INDEX ticket_leads_status ON ticket_leads (status, received_at, id);

-- Which engine reading and which topics file each ticket was last screened with: a ticket whose
-- reading changed (screened_at) or that was never screened is pending.
CREATE TABLE ticket_topic_screens (
  ticket_id INTEGER PRIMARY KEY REFERENCES tickets (id) ON DELETE CASCADE,
  engine_screened_at TEXT NOT NULL,
  topics_sha TEXT NOT NULL,
  screened_at TEXT NOT NULL
);
