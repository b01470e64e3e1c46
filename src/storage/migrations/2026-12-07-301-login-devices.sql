-- Issue #13, finding 7: browsers that logged in to an account before (their cr_dev cookie, kept as
-- SHA-256). Their login attempts are throttled on their own, so failures a stranger causes on
-- purpose never lock the real user out of a browser they use (src/auth/login-throttle.ts).
CREATE TABLE login_devices (
  id TEXT NOT NULL,                          -- hex SHA-256 of the cookie token
  user_id INTEGER NOT NULL REFERENCES users (id),
  created_at TEXT NOT NULL,
  last_used_at TEXT NOT NULL,
  PRIMARY KEY (id, user_id)
);
CREATE INDEX login_devices_user ON login_devices (user_id);
CREATE INDEX login_devices_last_used ON login_devices (last_used_at);

-- The known browser an attempt came from; NULL for a browser new to the account.
ALTER TABLE login_attempts ADD COLUMN device TEXT;
