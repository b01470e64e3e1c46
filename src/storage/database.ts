import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { applyMigrations } from './migrate.js';

/**
 * The storage module's one way in. better-sqlite3 is synchronous: a
 * transaction runs to completion before any other request's statement, so
 * multi-row writes cannot interleave. SQL lives only in repository modules,
 * which keeps a PostgreSQL backend a matter of re-implementing them.
 */
export type Db = Database.Database;

export interface OpenOptions {
  /** Skip migrations (tools that inspect a file read-only). */
  migrate?: boolean;
  readonly?: boolean;
}

export function openDatabase(file: string, options: OpenOptions = {}): Db {
  if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = new Database(file, { readonly: options.readonly ?? false });
  db.pragma('busy_timeout = 5000');
  if (!options.readonly) {
    db.pragma('journal_mode = WAL');
    // NORMAL in WAL mode: a committed transaction survives a process crash (kill -9); only an OS crash may drop the last ones.
    db.pragma('synchronous = NORMAL');
  }
  db.pragma('foreign_keys = ON');
  // Savepoints (a nested transaction: storePosts inside a crawl batch, the lead step's per-post
  // savepoint) journal to a temp file otherwise, which doubled the cost of storing a post.
  db.pragma('temp_store = MEMORY');
  if (options.migrate ?? !options.readonly) applyMigrations(db);
  return db;
}

/** Runs fn in an IMMEDIATE transaction (takes the write lock up front, so a read-then-write cannot race another process). */
export function inTransaction<T>(db: Db, fn: () => T): T {
  return db.transaction(fn).immediate();
}

export function nowIso(): string {
  return new Date().toISOString();
}
