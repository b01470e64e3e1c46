import { execFile } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { auditTrail } from '../../src/audit/audit-log.js';
import { ConflictError, NotFoundError } from '../../src/errors.js';
import { confirmLead } from '../../src/workorders/confirm-lead.js';
import { shanghaiDay } from '../../src/workorders/work-order-number.js';
import { tempContext, type TempContext } from '../helpers/temp-context.js';
import { insertLead, insertUser } from './fixtures.js';

const run = promisify(execFile);
let ctx: TempContext;
afterEach(() => ctx?.cleanup());

describe('confirmLead', () => {
  it('creates a dispatched work order with number, department, deadline, history, change_seq and audit', () => {
    ctx = tempContext();
    const uid = insertUser(ctx.db, 'wang');
    const leadId = insertLead(ctx.db, {
      discovered_at: '2026-11-21T15:50:00.000Z',
      posts: [
        { platform: 'weibo', text: '固戍地铁站A出口井盖丢了<script>alert(1)</script>', published_at: '2026-11-21T15:40:00.000Z' },
        { platform: 'douyin', text: '同一个井盖，还是没人管', published_at: '2026-11-21T15:45:00.000Z' },
        { platform: 'demo-weibo', text: '井盖那里有人摔了一跤', published_at: '2026-11-21T15:46:00.000Z' },
      ],
    });
    // 15:55Z is 23:55 in Shanghai on the 21st; 16:05Z is already the 22nd there.
    const first = confirmLead(ctx, { leadId, actor: { kind: 'user', id: uid, name: 'wang' }, now: new Date('2026-11-21T16:05:00Z') });
    expect(first.number).toBe('GD20261122-000001');
    const order = ctx.db.prepare('SELECT * FROM work_orders WHERE id = ?').get(first.id) as Record<string, unknown>;
    expect(order).toMatchObject({
      status: 'dispatched', category: 'municipal', sub_item: 'municipal.manhole', department: '宝安区城市管理和综合执法局',
      urgency: 'urgent', district: '宝安区', street: '西乡街道', place: '固戍地铁站A出口', lead_id: leadId,
      discovered_at: '2026-11-21T15:50:00.000Z', dispatch_deadline: '2026-11-21T16:20:00.000Z', created_by: uid,
      dispatched_at: '2026-11-21T16:05:00.000Z', due_at: '2026-11-21T17:05:00.000Z',
    });
    expect(order.description).toContain('井盖缺失破损');
    expect(order.description).toContain('<script>alert(1)</script>'); // kept as text; the UI renders it inert
    // Platforms by the names people read (the crawler file's displayName), times in Beijing time.
    expect(order.description).toContain('共 3 条公开帖子（微博、抖音、演示 · 微博）');
    expect(order.description).toContain('- 演示 · 微博，2026-11-21 23:46 发布：井盖那里有人摔了一跤');
    expect(order.description).not.toMatch(/\d{4}-\d\d-\d\dT|demo-weibo/);
    const seq = ctx.db.prepare("SELECT max(seq) FROM change_log WHERE entity = 'work_order' AND entity_id = ?").pluck().get(first.id);
    expect(order.change_seq).toBe(seq);
    const history = ctx.db.prepare('SELECT from_status, to_status, department, note FROM work_order_events WHERE work_order_id = ? ORDER BY id').all(first.id) as { note: string }[];
    expect(history.map(({ note: _, ...h }) => h)).toEqual([
      { from_status: null, to_status: 'created', department: '宝安区城市管理和综合执法局' },
      { from_status: 'created', to_status: 'dispatched', department: '宝安区城市管理和综合执法局' },
    ]);
    expect(history[1]!.note).toBe('按责任清单（分类「市政公用」）派发至 宝安区城市管理和综合执法局');
    const lead = ctx.db.prepare('SELECT status, reviewed_by, version FROM leads WHERE id = ?').get(leadId);
    expect(lead).toEqual({ status: 'confirmed', reviewed_by: uid, version: 2 });
    expect(auditTrail(ctx.db, 'lead', leadId).map((e) => e.action)).toEqual(['confirm']);
    expect(auditTrail(ctx.db, 'work_order', first.id).map((e) => e.action)).toEqual(['create']);

    const second = insertLead(ctx.db, { urgency: 'normal', district: null, street: null, category: 'noise', sub_item: null });
    const next = confirmLead(ctx, { leadId: second, actor: { kind: 'user', id: uid, name: 'wang' }, now: new Date('2026-11-21T16:06:00Z') });
    expect(next.number).toBe('GD20261122-000002');
    const o2 = ctx.db.prepare('SELECT department, dispatch_deadline FROM work_orders WHERE id = ?').get(next.id);
    expect(o2).toEqual({ department: '深圳市生态环境局', dispatch_deadline: '2026-11-21T04:00:00.000Z' });
  });

  it('uses the Shanghai day for numbers', () => {
    expect(shanghaiDay(new Date('2026-11-21T15:59:59Z'))).toBe('20261121');
    expect(shanghaiDay(new Date('2026-11-21T16:00:00Z'))).toBe('20261122');
  });

  it('refuses missing, already confirmed, rejected, merged, stale-version and claimed leads with messages that say what to do', () => {
    ctx = tempContext();
    const a = insertUser(ctx.db, 'a');
    const b = insertUser(ctx.db, 'b');
    const actor = { kind: 'user' as const, id: a, name: 'a' };
    expect(() => confirmLead(ctx, { leadId: 999, actor })).toThrow(NotFoundError);

    const lead = insertLead(ctx.db);
    expect(() => confirmLead(ctx, { leadId: lead, actor, expectedVersion: 7 })).toThrow(/版本 7，当前版本 1/);
    const { number } = confirmLead(ctx, { leadId: lead, actor, expectedVersion: 1 });
    expect(() => confirmLead(ctx, { leadId: lead, actor })).toThrow(new RegExp(`线索 ${lead} 已确认为工单 ${number}`));

    const rejected = insertLead(ctx.db);
    ctx.db.prepare("UPDATE leads SET status = 'rejected', reject_reason = 'advertising' WHERE id = ?").run(rejected);
    expect(() => confirmLead(ctx, { leadId: rejected, actor })).toThrow(/已被驳回（广告营销）；如需确认，请先重新打开/);

    const merged = insertLead(ctx.db);
    ctx.db.prepare("UPDATE leads SET status = 'merged', merged_into = ? WHERE id = ?").run(lead, merged);
    expect(() => confirmLead(ctx, { leadId: merged, actor })).toThrow(new RegExp(`已合并到线索 ${lead}`));

    const claimed = insertLead(ctx.db);
    ctx.db.prepare("UPDATE leads SET claimed_by = ?, claim_expires_at = '2999-01-01T00:00:00.000Z' WHERE id = ?").run(b, claimed);
    expect(() => confirmLead(ctx, { leadId: claimed, actor })).toThrow(ConflictError);
    expect(confirmLead(ctx, { leadId: claimed, actor: { kind: 'user', id: b, name: 'b' } }).number).toMatch(/^GD\d{8}-000002$/);
    expect(ctx.db.prepare('SELECT count(*) FROM work_orders').pluck().get()).toBe(2);
  });

  it('four processes confirming the same 40 leads at once create exactly one order per lead', { timeout: 180_000 }, async () => {
    ctx = tempContext();
    const users = [1, 2, 3, 4].map((i) => insertUser(ctx.db, `v${i}`));
    // On a quiet machine one process can win every lead before the others start: repeat the round
    // (fresh leads) until the race was real, checking the invariants every round.
    let racedRounds = 0;
    for (let round = 0; round < 5 && racedRounds === 0; round++) {
      const leads = Array.from({ length: 40 }, () => insertLead(ctx.db));
      const tsx = path.resolve('node_modules/.bin/tsx');
      const running = Promise.all(
        users.map((uid, i) => {
          const order = i % 2 ? [...leads].reverse() : leads;
          return run(tsx, ['test/workorders/confirm-worker.ts', ctx.dir, path.resolve('rules'), String(uid), ...order.map(String)]);
        }),
      );
      while (users.some((uid) => !existsSync(path.join(ctx.dir, `ready-${uid}`)))) await new Promise((r) => setTimeout(r, 20));
      writeFileSync(path.join(ctx.dir, 'go'), '');
      const results = await running;
      const outs = results.map((r) => JSON.parse(r.stdout) as { confirmed: string[]; conflicts: number });
      const numbers = outs.flatMap((o) => o.confirmed);
      expect(numbers).toHaveLength(40);
      expect(new Set(numbers).size).toBe(40);
      expect(outs.reduce((n, o) => n + o.conflicts, 0)).toBe(120);
      expect(ctx.db.prepare('SELECT count(*) FROM work_orders').pluck().get()).toBe(40 * (round + 1));
      expect(ctx.db.prepare("SELECT count(*) FROM leads WHERE status = 'confirmed'").pluck().get()).toBe(40 * (round + 1));
      // Numbers are gap-free per day: the counter advanced only for committed orders.
      const suffixes = numbers.map((n) => Number(n.slice(-6))).sort((x, y) => x - y);
      expect(suffixes).toEqual(Array.from({ length: 40 }, (_, i) => 40 * round + i + 1));
      if (outs.filter((o) => o.confirmed.length > 0).length > 1) racedRounds++;
      for (const f of ['go', ...users.map((uid) => `ready-${uid}`)]) rmSync(path.join(ctx.dir, f));
    }
    // More than one process won some in at least one round: the race was real.
    expect(racedRounds).toBe(1);
  });
});
