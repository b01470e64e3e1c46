import { afterAll, beforeAll, expect, it } from 'vitest';
import { insertLead } from '../../helpers/lead-fixtures.js';
import { runCli } from '../../helpers/cli-process.js';
import { tempContext, type TempContext } from '../../helpers/temp-context.js';
import { insertTicket } from './ticket-fixtures.js';

const lamp = { category: 'municipal', subItem: 'municipal.streetlight', district: '宝安区', street: '新安街道', place: '宝民一路' };
let ctx: TempContext;
beforeAll(() => {
  ctx = tempContext();
  insertLead(ctx.db, { ...lamp, discoveredAt: '2026-11-10T02:00:00.000Z', posts: [{ text: '宝民一路的路灯坏了一个多星期了，晚上黑漆漆的', publishedAt: '2026-11-10T02:00:00.000Z' }] });
  insertTicket(ctx.db, { ...lamp, ticketNo: '2611080001', receivedAt: '2026-11-08T02:00:00.000Z', text: '市民来电反映宝民一路路灯不亮已有多日，请尽快维修。' });
  ctx.db.close();
});
afterAll(() => ctx?.cleanup());

it('tickets collide links once; running it again (pending or --all) links nothing more', { timeout: 120_000 }, async () => {
  const env = { DATA_DIR: ctx.dir, SCHEDULER: 'false' };
  const first = await runCli(['tickets', 'collide'], '', env);
  expect(first.code, first.stderr).toBe(0);
  expect(JSON.parse(first.stdout)).toEqual({ tickets: 1, linked: 1, relationsChanged: 0 });
  expect(first.stderr).toContain('1 linked');
  const again = await runCli(['tickets', 'collide'], '', env);
  expect(JSON.parse(again.stdout)).toEqual({ tickets: 0, linked: 0, relationsChanged: 0 });
  const all = await runCli(['tickets', 'collide', '--all'], '', env);
  expect(JSON.parse(all.stdout)).toEqual({ tickets: 0, linked: 0, relationsChanged: 0 });
});
