import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { applyMigrations } from '../../src/storage/migrate.js';
import { knownPostIds, storePosts } from '../../src/storage/posts.js';
import { recordAudit } from '../../src/audit/audit-log.js';
import { SYSTEM } from '../../src/audit/actor.js';
import { tempContext, type TempContext } from '../helpers/temp-context.js';

let ctx: TempContext;
afterEach(() => ctx?.cleanup());

describe('storage', () => {
  it('opens a WAL database with foreign keys and every migration applied', () => {
    ctx = tempContext();
    expect(ctx.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(ctx.db.pragma('foreign_keys', { simple: true })).toBe(1);
    const tables = ctx.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['posts', 'leads', 'lead_posts', 'work_orders', 'audit_log', 'change_log']));
  });

  it('stores a post once per (platform, id) and refreshes engagement when seen again', () => {
    ctx = tempContext();
    const post = { platform: 'weibo', platformPostId: '1', text: '井盖丢了', raw: '{}', likes: 1 };
    const first = storePosts(ctx.db, [post, { ...post, platformPostId: '2' }]);
    expect(first.newIds).toHaveLength(2);
    const again = storePosts(ctx.db, [{ ...post, likes: 9 }]);
    expect(again).toEqual({ newIds: [], seen: 1 });
    expect(ctx.db.prepare('SELECT count(*) FROM posts').pluck().get()).toBe(2);
    expect(ctx.db.prepare("SELECT likes FROM posts WHERE platform_post_id = '1'").pluck().get()).toBe(9);
    expect(knownPostIds(ctx.db, 'weibo', ['1', '3'])).toEqual(new Set(['1']));
  });

  it('keeps the audit log append-only', () => {
    ctx = tempContext();
    recordAudit(ctx.db, { actor: SYSTEM, entity: 'lead', entityId: 1, action: 'create', after: { a: 1 } });
    expect(() => ctx.db.prepare('UPDATE audit_log SET action = ?').run('x')).toThrow(/append-only/);
    expect(() => ctx.db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
  });

  it('refuses a migration edited after it was applied', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cr-mig-'));
    const file = path.join(dir, '2026-01-01-001-x.sql');
    writeFileSync(file, 'CREATE TABLE t (a INTEGER);');
    const db = new Database(':memory:');
    expect(applyMigrations(db, dir + '/')).toEqual(['2026-01-01-001-x']);
    expect(applyMigrations(db, dir + '/')).toEqual([]);
    writeFileSync(file, 'CREATE TABLE t (a TEXT);');
    expect(() => applyMigrations(db, dir + '/')).toThrow(/append-only/);
  });
});
