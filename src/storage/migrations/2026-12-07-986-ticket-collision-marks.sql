-- Which engine reading of each ticket the collision matcher has seen (src/collision/): a ticket
-- never matched, or read again by the engine since (screened_at changed), is pending.
CREATE TABLE ticket_collisions (
  ticket_id INTEGER PRIMARY KEY REFERENCES tickets (id) ON DELETE CASCADE,
  engine_screened_at TEXT NOT NULL,
  collided_at TEXT NOT NULL
);
