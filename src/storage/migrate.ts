import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type Database from 'better-sqlite3';

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

/**
 * Dated, append-only migrations: `migrations/YYYY-MM-DD-NNN-name.sql`, applied
 * in name order, each in its own transaction. An applied migration whose file
 * changed is refused: add a new file instead of editing an old one.
 *
 * SQLite cannot change a CHECK constraint in place: a migration that rebuilds a table other tables
 * reference starts with the line `-- migrate: foreign-keys-off` (SQLite's documented 12-step
 * procedure). It runs with enforcement off (a pragma that is a no-op inside a transaction) and
 * commits only if `PRAGMA foreign_key_check` then finds no broken reference.
 */
export function applyMigrations(db: Database.Database, dir: string = MIGRATIONS_DIR): string[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    id TEXT PRIMARY KEY, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const applied = new Map(
    (db.prepare('SELECT id, checksum FROM schema_migrations').all() as { id: string; checksum: string }[]).map((r) => [r.id, r.checksum]),
  );
  const files = readdirSync(dir).filter((f) => /^\d{4}-\d{2}-\d{2}-\d{3}-[\w-]+\.sql$/.test(f)).sort();
  const ran: string[] = [];
  for (const file of files) {
    const sql = readFileSync(dir + file, 'utf8');
    const checksum = createHash('sha256').update(sql).digest('hex').slice(0, 16);
    const id = file.replace(/\.sql$/, '');
    const known = applied.get(id);
    if (known !== undefined) {
      if (known !== checksum) {
        throw new Error(`migration ${file} changed after it was applied (checksum ${known} → ${checksum}); migrations are append-only: revert the edit and add a new migration`);
      }
      continue;
    }
    const rebuild = sql.startsWith('-- migrate: foreign-keys-off');
    const enforced = db.pragma('foreign_keys', { simple: true }) === 1;
    if (rebuild) db.pragma('foreign_keys = OFF');
    try {
      db.transaction(() => {
        db.exec(sql);
        if (rebuild) {
          const broken = db.pragma('foreign_key_check') as { table: string; parent: string }[];
          if (broken.length > 0) throw new Error(`migration ${file} would break ${broken.length} references (first: ${broken[0]!.table} → ${broken[0]!.parent}); expected none`);
        }
        db.prepare('INSERT INTO schema_migrations (id, checksum, applied_at) VALUES (?, ?, ?)').run(id, checksum, new Date().toISOString());
      }).immediate();
    } finally {
      if (rebuild && enforced) db.pragma('foreign_keys = ON');
    }
    ran.push(id);
  }
  return ran;
}
