/**
 * The supervisor role (issue #10): the migration that admits it keeps every user and reference, the
 * CLI creates one, and on the real app a supervisor reads what staff read while every lead and
 * work-order action is refused, in Chinese, with nothing written.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../../src/audit/actor.js';
import { openDatabase } from '../../src/storage/database.js';
import { applyMigrations } from '../../src/storage/migrate.js';
import { confirmLead } from '../../src/workorders/confirm-lead.js';
import { createApp } from '../../src/web/app.js';
import { insertLead } from '../helpers/lead-fixtures.js';
import { tempContext, type TempContext } from '../helpers/temp-context.js';
import { listRoutes } from '../helpers/web-routes.js';
import { createUser, login, startApp, type Client, type RunningApp } from '../helpers/web-app.js';

describe('the supervisor-role migration', () => {
  it('rebuilds users keeping rows, the name index and every reference, with foreign keys enforced after', () => {
    const migrations = fileURLToPath(new URL('../../src/storage/migrations/', import.meta.url));
    const mine = readdirSync(migrations).find((f) => f.endsWith('-supervisor-role.sql'))!;
    const dir = mkdtempSync(path.join(tmpdir(), 'civic-radar-roles-'));
    try {
      const older = path.join(dir, 'before');
      const all = path.join(dir, 'all');
      for (const d of [older, all]) mkdirSync(d);
      for (const f of readdirSync(migrations).filter((f) => f.endsWith('.sql'))) {
        copyFileSync(path.join(migrations, f), path.join(all, f));
        if (f < mine) copyFileSync(path.join(migrations, f), path.join(older, f));
      }
      const db = openDatabase(path.join(dir, 'db.sqlite'), { migrate: false });
      applyMigrations(db, older + '/');
      db.prepare("INSERT INTO users (name, name_key, role, password_hash, created_at, updated_at) VALUES ('li', 'li', 'verifier', 'h', 't', 't')").run();
      db.prepare("INSERT INTO sessions (id, user_id, csrf_token, created_at, last_seen_at, expires_at) VALUES ('s', 1, 'c', 't', 't', 't')").run();
      expect(() => db.prepare("INSERT INTO users (name, name_key, role, password_hash, created_at, updated_at) VALUES ('wang', 'wang', 'supervisor', 'h', 't', 't')").run()).toThrow(/CHECK/);

      expect(applyMigrations(db, all + '/')).toContain(mine.replace(/\.sql$/, ''));
      db.prepare("INSERT INTO users (name, name_key, role, password_hash, created_at, updated_at) VALUES ('wang', 'wang', 'supervisor', 'h', 't', 't')").run();
      expect(db.prepare('SELECT name, role FROM users ORDER BY id').all()).toEqual([{ name: 'li', role: 'verifier' }, { name: 'wang', role: 'supervisor' }]);
      expect(db.prepare("SELECT user_id FROM sessions WHERE id = 's'").pluck().get()).toBe(1);
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.pragma('foreign_key_check')).toEqual([]);
      expect(() => db.prepare("INSERT INTO sessions (id, user_id, csrf_token, created_at, last_seen_at, expires_at) VALUES ('x', 99, 'c', 't', 't', 't')").run()).toThrow(/FOREIGN KEY/);
      expect(() => db.prepare("INSERT INTO users (name, name_key, role, password_hash, created_at, updated_at) VALUES ('LI', 'li', 'verifier', 'h', 't', 't')").run()).toThrow(/UNIQUE/);
      expect(() => db.prepare("INSERT INTO users (name, name_key, role, password_hash, created_at, updated_at) VALUES ('zhao', 'zhao', 'boss', 'h', 't', 't')").run()).toThrow(/CHECK/);
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('user add --role supervisor', () => {
  it('creates a supervisor', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'civic-radar-cli-'));
    try {
      const r = spawnSync('node_modules/.bin/tsx', ['src/cli/index.ts', 'user', 'add', 'wangdu', '--role', 'supervisor'], { input: 'supervision office 2026\n', encoding: 'utf8', env: { ...process.env, DATA_DIR: dir, LOG_LEVEL: 'silent' } });
      expect(r.stderr).toBe('');
      expect(r.stdout).toMatch(/user wangdu \(supervisor\) created/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('a supervisor on the real app', () => {
  let ctx: TempContext;
  let app: RunningApp;
  let supervisor: Client;
  let leadId: number;
  let number: string;

  beforeAll(async () => {
    ctx = tempContext();
    await createUser(ctx, 'wangdu', 'supervisor');
    leadId = insertLead(ctx.db, { posts: [{ text: '小区门口污水横流' }] }).leadId;
    number = confirmLead(ctx, { leadId: insertLead(ctx.db, { posts: [{ text: '路灯不亮' }] }).leadId, actor: SYSTEM }).number;
    app = await startApp(ctx);
    supervisor = await login(app.baseUrl, 'wangdu');
  });
  afterAll(async () => {
    await app.close();
    ctx.cleanup();
  });

  it('reads the queue, leads, work orders, exports and the catalogue', async () => {
    expect(supervisor.user.role).toBe('supervisor');
    for (const url of ['/api/leads', `/api/leads/${leadId}`, '/api/leads/counts', '/api/work-orders', `/api/work-orders/${number}`, '/api/catalogue', '/api/platforms', '/api/departments', '/api/missed', '/api/exports/work-orders.csv?from=2020-01-01T00:00:00Z&to=2030-01-01T00:00:00Z']) {
      expect((await supervisor.get(url)).status, url).toBe(200);
    }
  });

  it('is refused every lead and work-order action, in Chinese, with nothing written', async () => {
    const audit = () => ctx.db.prepare('SELECT count(*) FROM audit_log').pluck().get();
    const before = audit();
    const lead = (await supervisor.get(`/api/leads/${leadId}`)).body;
    const order = (await supervisor.get(`/api/work-orders/${number}`)).body;
    const attempts: [string, string, unknown][] = [
      ['POST', `/api/leads/${leadId}/claim`, {}],
      ['POST', `/api/leads/${leadId}/confirm`, { version: lead.version }],
      ['POST', `/api/leads/${leadId}/reject`, { version: lead.version, reason: 'not_civic' }],
      ['PATCH', `/api/leads/${leadId}`, { version: lead.version, urgency: 'urgent' }],
      ['POST', '/api/leads/reject', { leads: [{ id: leadId, version: lead.version }], reason: 'not_civic' }],
      ['POST', '/api/leads', { text: '新线索', category: 'sanitation' }],
      ['PATCH', `/api/work-orders/${number}`, { version: order.version, place: '别处' }],
      ['POST', `/api/work-orders/${number}/transitions`, { version: order.version, to: 'accepted' }],
      ['POST', `/api/work-orders/${number}/reassign`, { version: order.version, department: '某局' }],
      ['POST', '/api/missed/1/decision', { is_lead: false }],
    ];
    for (const [method, url, body] of attempts) {
      const res = await supervisor.send(method, url, { json: body });
      expect(res.status, `${method} ${url}`).toBe(403);
      expect(res.body.error.message).toMatch(/您的账号是监督员/);
    }
    expect(audit()).toBe(before);
    expect(ctx.db.prepare('SELECT status, claimed_by FROM leads WHERE id = ?').get(leadId)).toEqual({ status: 'new', claimed_by: null });
  });

  it('is declared: every staff read is open to supervisors, no lead or work-order action is', () => {
    const routes = listRoutes(createApp(ctx));
    const roles = (r: (typeof routes)[number]) => r.policies.flatMap((p) => (p.kind === 'roles' ? p.roles : []));
    // a supervisor makes no review decisions, so has no record of their own
    const ownDecisions = ['/mine', '/api/me/decisions'];
    const unread = routes.filter((r) => r.method === 'GET' && roles(r).includes('verifier') && !roles(r).includes('supervisor') && !ownDecisions.includes(r.path));
    expect(unread.map((r) => r.path)).toEqual([]);
    // 督办, and confirming or undoing a 12345 ticket link (supervisors collide the hotline with the leads), are theirs
    const theirs = (path: string) => path.endsWith('/supervision') || /\/ticket-links\/:linkId\/(confirm|undo)$/.test(path);
    const actions = routes.filter((r) => r.method !== 'GET' && roles(r).includes('supervisor') && /^\/api\/(leads|work-orders|missed|responsibility)/.test(r.path) && !theirs(r.path));
    expect(actions.map((r) => `${r.method} ${r.path}`)).toEqual([]);
  });
});
