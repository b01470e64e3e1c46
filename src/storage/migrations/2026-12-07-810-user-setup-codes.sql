-- Issue 12 (people and keys): a one-time code an admin gives a new person, or one whose password
-- was reset, to set their own password. Only its SHA-256 is kept; one live code per user.
CREATE TABLE user_setup_codes (
  user_id INTEGER PRIMARY KEY REFERENCES users (id),
  code_hash TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL
);
