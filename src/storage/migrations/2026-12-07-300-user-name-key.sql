-- Issue #13, finding 8: user names are unique ignoring case and width ("Wang", "WANG" and "ｗａｎｇ" are
-- one name) and looked up that way, so no two people share a name's login throttle.
-- name_key = user_name_key(name): NFKC + lower case, src/storage/user-name-key.ts (openDatabase
-- registers the function; storage/users.ts fills the column on insert).
--
-- Names that already differ only in case are kept, not refused (a refusing migration would stop
-- every start and every CLI command, `user list` included): the oldest account keeps its name and
-- each later one becomes "<name>-<id>", recorded in the audit log. Its password and sessions stay;
-- `user list` shows the new name, which its owner then logs in with.
ALTER TABLE users ADD COLUMN name_key TEXT NOT NULL DEFAULT '';
UPDATE users SET name_key = user_name_key(name);

INSERT INTO audit_log (actor, actor_name, entity, entity_id, action, before, after, at)
  SELECT 'system', 'migration 2026-12-07-300-user-name-key', 'user', CAST(id AS TEXT), 'rename',
         json_object('name', name), json_object('name', name || '-' || id), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
  FROM users u WHERE EXISTS (SELECT 1 FROM users o WHERE o.name_key = u.name_key AND o.id < u.id)
  ORDER BY id;
UPDATE users SET name = name || '-' || id, name_key = user_name_key(name || '-' || id)
  WHERE EXISTS (SELECT 1 FROM users o WHERE o.name_key = users.name_key AND o.id < users.id);

CREATE UNIQUE INDEX users_name_key ON users (name_key);
