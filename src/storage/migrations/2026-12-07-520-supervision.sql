-- Issue #10, 重点工单全程监管 (src/supervision/).

-- Citizens' feedback (回访评价) that downstream systems report after an order is resolved;
-- append-only, the latest per order counts.
CREATE TABLE work_order_feedback (
  id INTEGER PRIMARY KEY,
  work_order_id INTEGER NOT NULL REFERENCES work_orders (id),
  feedback TEXT NOT NULL CHECK (feedback IN ('satisfied', 'unsatisfied')),
  note TEXT,
  actor TEXT NOT NULL,                       -- 'key:2' | 'user:3'
  at TEXT NOT NULL
);
CREATE INDEX work_order_feedback_order ON work_order_feedback (work_order_id, id);

-- An order put under supervision (督办): one record per order, following it to closure.
CREATE TABLE supervisions (
  id INTEGER PRIMARY KEY,
  work_order_id INTEGER NOT NULL UNIQUE REFERENCES work_orders (id),
  reason TEXT CHECK (reason IN ('overdue', 'returned', 'recurring', 'long_unresolved', 'unsatisfied')),
  note TEXT NOT NULL,
  created_by INTEGER NOT NULL REFERENCES users (id),
  created_at TEXT NOT NULL,
  closed_at TEXT
);
CREATE INDEX supervisions_created ON supervisions (created_at);

-- Closed in the transaction that closes the order, whichever code path closes it.
CREATE TRIGGER supervisions_close AFTER UPDATE OF status ON work_orders
  WHEN NEW.status = 'closed' AND OLD.status <> 'closed'
BEGIN
  UPDATE supervisions SET closed_at = NEW.updated_at WHERE work_order_id = NEW.id AND closed_at IS NULL;
END;

-- "Returned two or more times" counts these rows without reading the rest of the history.
CREATE INDEX work_order_events_returned ON work_order_events (work_order_id) WHERE to_status = 'returned';
