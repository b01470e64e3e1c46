import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { applyMigrations } from './migrate.js';
import { userNameKey } from './user-name-key.js';

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

/**
 * The database holds password and API key hashes and session ids: a data folder we create is 0700
 * and the files 0600, whatever the umask. SQLite gives -wal and -shm the main file's mode, so the
 * main file is created 0600 before SQLite opens it; files left more open by an older version are
 * tightened.
 */
function ownerOnly(file: string): void {
  const dir = path.dirname(path.resolve(file));
  if (!existsSync(dir)) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    chmodSync(dir, 0o700);
  }
  closeSync(openSync(file, 'a', 0o600));
  for (const f of [file, `${file}-wal`, `${file}-shm`]) {
    if (existsSync(f) && (statSync(f).mode & 0o077) !== 0) chmodSync(f, 0o600);
  }
}

export function openDatabase(file: string, options: OpenOptions = {}): Db {
  if (file !== ':memory:' && !options.readonly) ownerOnly(file);
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
  // Reads through the OS page cache instead of SQLite's 2 MB cache per connection: the queue's
  // keyword plans touch scattered pages of a large file (measured 1.5-2x faster at 100k leads).
  db.pragma('mmap_size = 1073741824');
  db.function('user_name_key', { deterministic: true }, (name) => userNameKey(String(name)));
  if (options.migrate ?? !options.readonly) applyMigrations(db);
  return db;
}

type Runner = Database.Transaction<(fn: () => unknown) => unknown>;
const runners = new WeakMap<Db, Runner>();

/**
 * One transaction function per connection, given the work as an argument: `db.transaction(fn)`
 * prepares its BEGIN/COMMIT/SAVEPOINT statements on every call, which cost more than a small
 * transaction itself (filing a post into a lead spent half its time there).
 */
function runner(db: Db): Runner {
  let r = runners.get(db);
  if (!r) runners.set(db, (r = db.transaction((fn: () => unknown) => fn())));
  return r;
}

/** Runs fn in an IMMEDIATE transaction (takes the write lock up front, so a read-then-write cannot race another process); inside one, a savepoint. */
export function inTransaction<T>(db: Db, fn: () => T): T {
  return runner(db).immediate(fn) as T;
}

/** A read transaction: every statement in fn sees the same snapshot. */
export function inReadTransaction<T>(db: Db, fn: () => T): T {
  return runner(db).deferred(fn) as T;
}

/** Inside a transaction, a savepoint: if fn throws, only its writes are undone (one bad item never sinks a batch). */
export function inSavepoint<T>(db: Db, fn: () => T): T {
  return runner(db)(fn) as T;
}

export function nowIso(): string {
  return new Date().toISOString();
}
