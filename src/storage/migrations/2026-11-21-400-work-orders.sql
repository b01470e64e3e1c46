-- Work-order clocks: the deadline of the current step, so "overdue" is one indexed comparison.
ALTER TABLE work_orders ADD COLUMN dispatched_at TEXT;
ALTER TABLE work_orders ADD COLUMN resolved_at TEXT;
-- Deadline of the step the order is in now (dispatch / acceptance / resolution); NULL when no clock runs.
ALTER TABLE work_orders ADD COLUMN due_at TEXT;
CREATE INDEX work_orders_due ON work_orders (due_at) WHERE due_at IS NOT NULL;
CREATE INDEX work_orders_created ON work_orders (created_at);
CREATE INDEX work_orders_department ON work_orders (department, status);
CREATE INDEX work_order_events_at ON work_order_events (at);
