import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempContext, type TempContext } from '../helpers/temp-context.js';
import { startApp, type RunningApp } from '../helpers/web-app.js';
import { api, newKey } from './helpers.js';

let ctx: TempContext | undefined;
let app: RunningApp | undefined;
afterAll(async () => {
  await app?.close();
  ctx?.cleanup();
});

const ORDERS = 5000;

describe('cursor pull under concurrent writes', () => {
  it(`sees every change exactly once while another process creates and updates ${ORDERS} orders`, async () => {
    ctx = tempContext();
    app = await startApp(ctx);
    const key = newKey(ctx, ['work_orders:read']);

    const writer = spawn(path.resolve('node_modules/.bin/tsx'), ['test/downstream/order-writer.ts', ctx.dir, path.resolve('rules'), String(ORDERS)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    writer.stdout.on('data', (c: Buffer) => (out += c.toString()));
    let writerDone = false;
    const exited = new Promise<number | null>((r) => writer.once('exit', (code) => ((writerDone = true), r(code))));

    const seenPairs = new Set<string>();
    const lastSeen = new Map<string, { change_seq: number; status: string; version: number; department: string; history: number }>();
    let cursor = '0';
    let previousSeq = 0;
    let pulls = 0;
    let pagesWhileWriting = 0;
    for (;;) {
      const finalRound = writerDone; // read after the writer exited: one more drain sees everything
      let page;
      do {
        page = await api(app.baseUrl, key, 'GET', `/api/v1/work-orders?cursor=${cursor}&limit=200`);
        expect(page.status).toBe(200);
        pulls++;
        if (!writerDone && page.body.items.length) pagesWhileWriting++;
        for (const o of page.body.items) {
          const pair = `${o.number}@${o.change_seq}`;
          expect(seenPairs.has(pair), `repeated ${pair}`).toBe(false);
          seenPairs.add(pair);
          expect(o.change_seq).toBeGreaterThan(previousSeq); // strictly in change order, never behind the cursor
          previousSeq = o.change_seq;
          lastSeen.set(o.number, { change_seq: o.change_seq, status: o.status, version: o.version, department: o.department, history: o.history.length });
        }
        cursor = page.body.next_cursor; // acknowledge the page
      } while (page.body.has_more);
      if (finalRound) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(await exited).toBe(0);
    const stats = JSON.parse(out) as { created: number; updates: number };
    expect(stats.created).toBe(ORDERS);
    expect(stats.updates).toBeGreaterThan(2000);
    expect(pagesWhileWriting).toBeGreaterThan(5); // the consumer really raced the writer

    // Every order, in its final state: no change was skipped.
    const finals = ctx.db.prepare('SELECT number, change_seq, status, version, department, (SELECT count(*) FROM work_order_events e WHERE e.work_order_id = o.id) AS history FROM work_orders o').all() as { number: string; change_seq: number; status: string; version: number; department: string; history: number }[];
    expect(finals).toHaveLength(ORDERS);
    expect(lastSeen.size).toBe(ORDERS);
    for (const f of finals) expect(lastSeen.get(f.number), f.number).toEqual({ change_seq: f.change_seq, status: f.status, version: f.version, department: f.department, history: f.history });
    // Every change in the log is covered by a delivery at or after it.
    const changes = ctx.db.prepare("SELECT c.seq, o.number FROM change_log c JOIN work_orders o ON o.id = c.entity_id WHERE c.entity = 'work_order'").all() as { seq: number; number: string }[];
    expect(changes.length).toBe(ORDERS + stats.updates);
    for (const c of changes) expect(lastSeen.get(c.number)!.change_seq).toBeGreaterThanOrEqual(c.seq);
    // Acknowledged means gone: a pull from the final cursor is empty.
    expect((await api(app.baseUrl, key, 'GET', `/api/v1/work-orders?cursor=${cursor}`)).body.items).toEqual([]);
    console.log(`concurrent pull: ${ORDERS} orders, ${stats.updates} updates, ${seenPairs.size} deliveries in ${pulls} pulls (${pagesWhileWriting} non-empty pages while writing)`);
  }, 180_000);
});
