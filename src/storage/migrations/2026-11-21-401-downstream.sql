-- Downstream systems: API keys, idempotent report-back, webhooks with a persistent outbox.

CREATE TABLE api_keys (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  prefix TEXT NOT NULL,                      -- first characters of the key, shown in lists to tell keys apart
  key_hash TEXT NOT NULL UNIQUE,             -- SHA-256 (hex) of the whole key; the key itself is never stored
  scopes TEXT NOT NULL,                      -- JSON array: ["work_orders:read","work_orders:write"]
  created_by TEXT NOT NULL,                  -- actor ref
  created_at TEXT NOT NULL,
  revoked_at TEXT,
  last_used_at TEXT
);

-- One stored answer per (key, Idempotency-Key): a retry gets the same response, a different body a 422.
CREATE TABLE idempotency_keys (
  api_key_id INTEGER NOT NULL REFERENCES api_keys (id),
  idem_key TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  status_code INTEGER NOT NULL,
  response TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (api_key_id, idem_key)
);
CREATE INDEX idempotency_created ON idempotency_keys (created_at);

-- Destinations an admin allowed: an origin (scheme://host[:port]); webhooks go nowhere else.
CREATE TABLE webhook_allowlist (
  id INTEGER PRIMARY KEY,
  origin TEXT NOT NULL UNIQUE,
  note TEXT,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL
);

CREATE TABLE webhook_subscriptions (
  id INTEGER PRIMARY KEY,
  api_key_id INTEGER NOT NULL REFERENCES api_keys (id),
  url TEXT NOT NULL,
  event_types TEXT NOT NULL,                 -- JSON array of event types
  secret TEXT NOT NULL,                      -- HMAC key; needed in clear to sign, shown once at creation
  active INTEGER NOT NULL DEFAULT 1,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL
);

-- The outbox: written in the same transaction as the change it reports, so a crash loses nothing.
CREATE TABLE webhook_deliveries (
  id INTEGER PRIMARY KEY,
  event_id TEXT NOT NULL UNIQUE,             -- sent as X-CivicRadar-Delivery; receivers deduplicate on it
  subscription_id INTEGER NOT NULL REFERENCES webhook_subscriptions (id),
  event_type TEXT NOT NULL,
  payload TEXT NOT NULL,                     -- the exact JSON body that is signed and sent
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  last_error TEXT,
  created_at TEXT NOT NULL,
  delivered_at TEXT
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_subscription ON webhook_deliveries (subscription_id, id);

-- Delivery log: one row per HTTP attempt.
CREATE TABLE webhook_attempts (
  id INTEGER PRIMARY KEY,
  delivery_id INTEGER NOT NULL REFERENCES webhook_deliveries (id),
  attempt INTEGER NOT NULL,
  at TEXT NOT NULL,
  status_code INTEGER,
  error TEXT,
  duration_ms INTEGER NOT NULL
);
CREATE INDEX webhook_attempts_delivery ON webhook_attempts (delivery_id, id);
