/**
 * Issue #13, finding 13: the database holds password hashes, session ids and API key hashes, so
 * its files are the owner's alone (0600) and a data folder we create is 0700, whatever the umask.
 */
import { chmodSync, existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ModelStore } from '../../src/model/model-store.js';
import { openDatabase } from '../../src/storage/database.js';

const root = mkdtempSync(path.join(tmpdir(), 'civic-radar-perm-'));
const mode = (file: string) => statSync(file).mode & 0o777;
let umask: number;

beforeAll(() => {
  umask = process.umask(0o022); // the usual umask, which made the files 0644 before
});
afterEach(() => {
  process.umask(0o022);
});
afterAll(() => {
  process.umask(umask);
  rmSync(root, { recursive: true, force: true });
});

describe('database files', () => {
  it('creates the data folder 0700 and the database, -wal and -shm files 0600', () => {
    const dir = path.join(root, 'fresh', 'data');
    const file = path.join(dir, 'civic-radar.sqlite');
    const db = openDatabase(file);
    db.prepare("INSERT INTO users (name, role, password_hash, created_at, updated_at) VALUES ('x', 'admin', 'h', '', '')").run();
    expect(existsSync(`${file}-wal`)).toBe(true);
    expect(mode(dir)).toBe(0o700);
    expect(mode(file)).toBe(0o600);
    expect(mode(`${file}-wal`)).toBe(0o600);
    expect(mode(`${file}-shm`)).toBe(0o600);
    db.close();
  });

  it('holds with a permissive umask too', () => {
    process.umask(0o000);
    const dir = path.join(root, 'open-umask');
    const file = path.join(dir, 'civic-radar.sqlite');
    const db = openDatabase(file);
    db.prepare('SELECT 1').get();
    expect(mode(dir)).toBe(0o700);
    for (const f of [file, `${file}-wal`, `${file}-shm`]) expect(mode(f)).toBe(0o600);
    db.close();
  });

  it('tightens the files of an existing database that were world-readable', () => {
    const dir = path.join(root, 'old');
    const file = path.join(dir, 'civic-radar.sqlite');
    openDatabase(file).close();
    for (const f of [file, `${file}-wal`, `${file}-shm`]) {
      if (!existsSync(f)) writeFileSync(f, '');
      chmodSync(f, 0o644);
    }
    const db = openDatabase(file);
    for (const f of [file, `${file}-wal`, `${file}-shm`]) expect(mode(f)).toBe(0o600);
    db.close();
  });

  it('keeps a data folder that training creates before the first start (models/) to the owner', () => {
    const dataDir = path.join(root, 'train-first');
    new ModelStore(dataDir).save(Buffer.from('model'), {}, {});
    expect(mode(dataDir)).toBe(0o700);
    expect(mode(path.join(dataDir, 'models'))).toBe(0o700);
  });
});
