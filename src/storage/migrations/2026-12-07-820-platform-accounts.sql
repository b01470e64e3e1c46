-- Issue 12 (platform accounts): cookies, tokens and headers a platform needs, several accounts per
-- platform. `secrets` is AES-256-GCM ciphertext (SECRETS_KEY); `fields` only names what is stored
-- and how long it is, so the console can show it masked without decrypting.
CREATE TABLE platform_accounts (
  id INTEGER PRIMARY KEY,
  platform TEXT NOT NULL,
  label TEXT NOT NULL,
  secrets TEXT NOT NULL,
  fields TEXT NOT NULL,                      -- JSON [{ "name": "Cookie", "length": 182 }]
  enabled INTEGER NOT NULL DEFAULT 1,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (platform, label)
);
