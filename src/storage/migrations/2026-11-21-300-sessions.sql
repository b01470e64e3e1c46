-- Review app: login sessions and login attempts (throttling).

-- A session is looked up by the SHA-256 of its cookie token: a leaked database does not leak live cookies.
CREATE TABLE sessions (
  id TEXT PRIMARY KEY,                       -- hex SHA-256 of the cookie token
  user_id INTEGER NOT NULL REFERENCES users (id),
  csrf_token TEXT NOT NULL,
  address TEXT,
  user_agent TEXT,
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expires ON sessions (expires_at);

-- Every login attempt (failed ones count toward throttling per account and per address).
CREATE TABLE login_attempts (
  id INTEGER PRIMARY KEY,
  account TEXT NOT NULL,
  address TEXT NOT NULL,
  ok INTEGER NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX login_attempts_account ON login_attempts (account, at);
CREATE INDEX login_attempts_address ON login_attempts (address, at);
