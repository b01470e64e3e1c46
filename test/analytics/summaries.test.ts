import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../../src/audit/actor.js';
import { leadList } from '../../src/analytics/lead-list.js';
import { liveLeads } from '../../src/analytics/lead-mirror.js';
import { periodBounds } from '../../src/analytics/period.js';
import { placedLeads, type PlacedLead } from '../../src/storage/analytics.js';
import { inReadTransaction } from '../../src/storage/database.js';
import { reviewCatalogue } from '../../src/review/catalogue.js';
import { editLead, rejectLead, reopenLead } from '../../src/review/lead-actions.js';
import { mergeLead } from '../../src/review/lead-merge.js';
import { confirmLead } from '../../src/workorders/confirm-lead.js';
import { transitionWorkOrder } from '../../src/workorders/transition.js';
import { tempContext, type TempContext } from '../helpers/temp-context.js';
import { insertLead } from '../workorders/fixtures.js';

/** The summaries the figures read (migration 2026-12-07-900) and the figure threads' copy of live leads (lead_touches, 995) equal a recount after every kind of change. */
let ctx: TempContext;
beforeAll(() => {
  ctx = tempContext();
  // the figure copy of live leads starts late, so the first check also reaches it back
  inReadTransaction(ctx.db, () => liveLeads(ctx.db, '2026-11-21T00:00:00.000Z', '2026-11-22T00:00:00.000Z'));
});
afterAll(() => ctx?.cleanup());

const all = (sql: string) => ctx.db.prepare(sql).all();
const version = (id: number) => ctx.db.prepare('SELECT version FROM leads WHERE id = ?').pluck().get(id) as number;
const day = (t: string) => `date(${t}, '+8 hours')`;

const byTime = (a: PlacedLead, b: PlacedLead) => a.at - b.at || a.id - b.id;

/** Each summary next to its recount from the rows it summarises; zero rows are left out, none may be negative. */
function expectSummariesEqualRecounts() {
  // the figure threads' copy of live leads, patched from lead_touches, equals a fresh read
  for (const [start, end] of [['2026-11-01T00:00:00.000Z', '2026-12-31T00:00:00.000Z'], ['2026-11-20T16:00:00.000Z', '2026-11-21T16:00:00.000Z']]) {
    inReadTransaction(ctx.db, () => expect(liveLeads(ctx.db, start!, end!)).toEqual(placedLeads(ctx.db, start!, end!).sort(byTime)));
  }
  expect(all('SELECT * FROM lead_daily WHERE n < 0')).toEqual([]);
  expect(all('SELECT day, district, category, sub_item, status, reject_reason, n FROM lead_daily WHERE n > 0 ORDER BY 1, 2, 3, 4, 5, 6')).toEqual(
    all(`SELECT ${day('discovered_at')} AS day, coalesce(district, '') AS district, category, coalesce(sub_item, '') AS sub_item, status, coalesce(reject_reason, '') AS reject_reason, count(*) AS n
         FROM leads GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6`));
  expect(all('SELECT * FROM lead_street_daily WHERE n < 0')).toEqual([]);
  expect(all('SELECT day, district, street, status, n FROM lead_street_daily WHERE n > 0 ORDER BY 1, 2, 3, 4')).toEqual(
    all(`SELECT ${day('discovered_at')} AS day, coalesce(district, '') AS district, street, status, count(*) AS n FROM leads WHERE street IS NOT NULL GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`));
  expect(all('SELECT lead_id, platform, posts FROM lead_platforms ORDER BY 1, 2')).toEqual(
    all('SELECT lp.lead_id, p.platform, count(*) AS posts FROM lead_posts lp JOIN posts p ON p.id = lp.post_id GROUP BY 1, 2 ORDER BY 1, 2'));
  expect(all('SELECT * FROM lead_platform_daily WHERE n < 0')).toEqual([]);
  expect(all('SELECT day, district, platform, n FROM lead_platform_daily WHERE n > 0 ORDER BY 1, 2, 3')).toEqual(
    all(`SELECT ${day('l.discovered_at')} AS day, coalesce(l.district, '') AS district, p.platform, count(DISTINCT l.id) AS n
         FROM leads l JOIN lead_posts lp ON lp.lead_id = l.id JOIN posts p ON p.id = lp.post_id GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`));
  const first = (status: string) => `(SELECT at FROM work_order_events WHERE work_order_id = o.id AND kind = 'status' AND to_status = '${status}' ORDER BY id LIMIT 1)`;
  expect(all('SELECT work_order_id, dispatched_at, accepted_at, resolved_at, closed_at, detoured FROM work_order_clocks ORDER BY 1')).toEqual(
    all(`SELECT o.id AS work_order_id, ${first('dispatched')} AS dispatched_at, ${first('accepted')} AS accepted_at, ${first('resolved')} AS resolved_at, ${first('closed')} AS closed_at,
           EXISTS (SELECT 1 FROM work_order_events WHERE work_order_id = o.id AND (kind = 'reroute' OR to_status IN ('returned', 'reassigned'))) AS detoured
         FROM work_orders o ORDER BY 1`));
}

describe('analytics summaries', () => {
  it('equal a recount after filing, review, merge, reopen, edits, moved times, order history and deletes', () => {
    const at = (h: number) => new Date(Date.parse('2026-11-20T15:30:00.000Z') + h * 3_600_000).toISOString();
    const a = insertLead(ctx.db, { discovered_at: at(0), posts: [{ text: '井盖丢失', platform: 'weibo' }, { text: '井盖丢失 转发', platform: 'douyin' }] });
    const b = insertLead(ctx.db, { discovered_at: at(1), district: null, street: null, sub_item: null, posts: [{ text: '路灯不亮', platform: 'weibo' }] });
    const c = insertLead(ctx.db, { discovered_at: at(30), district: '南山区', street: '粤海街道', posts: [{ text: '噪声', platform: 'xiaohongshu' }] });
    const d = insertLead(ctx.db, { discovered_at: at(2), posts: [{ text: '同一井盖', platform: 'douyin' }, { text: '同一井盖 2', platform: 'douyin' }] });
    expectSummariesEqualRecounts();

    rejectLead(ctx, { leadId: b, actor: SYSTEM, version: version(b), reason: 'not_civic' });
    expectSummariesEqualRecounts();
    reopenLead(ctx, { leadId: b, actor: SYSTEM, version: version(b) });
    expectSummariesEqualRecounts();
    editLead(ctx, { leadId: c, actor: SYSTEM, version: version(c), changes: { district: '福田区', street: '福田街道' }, catalogue: reviewCatalogue(ctx.config.rulesDir) });
    expectSummariesEqualRecounts();
    // d's posts move to a; d is merged (its platform leaves d and is already on a)
    mergeLead(ctx, { leadId: d, intoId: a, actor: SYSTEM, version: version(d) });
    expectSummariesEqualRecounts();
    ctx.db.prepare('UPDATE leads SET discovered_at = ?, district = NULL WHERE id = ?').run(at(-20), a);
    expectSummariesEqualRecounts();

    const order = confirmLead(ctx, { leadId: a, actor: SYSTEM });
    expectSummariesEqualRecounts();
    transitionWorkOrder(ctx, { number: order.number, to: 'returned', note: '不属本单位', actor: SYSTEM });
    expectSummariesEqualRecounts();
    const other = confirmLead(ctx, { leadId: c, actor: SYSTEM });
    for (const to of ['accepted', 'in_progress', 'resolved', 'closed'] as const) transitionWorkOrder(ctx, { number: other.number, to, note: '已处理', actor: SYSTEM });
    expectSummariesEqualRecounts();

    // a post leaves a lead, then a lead goes with its posts
    const post = ctx.db.prepare("SELECT lp.post_id FROM lead_posts lp JOIN posts p ON p.id = lp.post_id WHERE lp.lead_id = ? AND p.platform = 'weibo'").pluck().get(a) as number;
    ctx.db.prepare('DELETE FROM lead_posts WHERE post_id = ?').run(post);
    expectSummariesEqualRecounts();
    // nothing in the app deletes a lead; the history and audit rows that name it would keep it, so only here without them
    ctx.db.pragma('foreign_keys = OFF');
    ctx.db.transaction(() => {
      ctx.db.prepare('DELETE FROM lead_posts WHERE lead_id = ?').run(b);
      ctx.db.prepare('DELETE FROM leads WHERE id = ?').run(b);
    })();
    ctx.db.pragma('foreign_keys = ON');
    expectSummariesEqualRecounts();
    expect(ctx.db.prepare('SELECT count(*) FROM leads').pluck().get()).toBe(3);
  });

  it('the drill-down list totals (read from the summaries where they can) equal direct counts', () => {
    for (const [district, street, category, place] of [['宝安区', null, 'municipal', null], ['福田区', '福田街道', null, null], [null, null, 'municipal', null], ['宝安区', '西乡街道', 'municipal', null], [null, null, null, '固戍地铁站A出口']]) {
      insertLead(ctx.db, { discovered_at: '2026-11-22T01:00:00.000Z', district, street, category: category ?? 'noise', place });
    }
    insertLead(ctx.db, { discovered_at: '2026-11-22T02:00:00.000Z', district: null, street: null });
    const period = { from: '2026-11-19', to: '2026-11-23' };
    const { start, end } = periodBounds(period);
    const filters: Record<string, string>[] = [{}, { district: '宝安区' }, { district: '宝安区', category: 'municipal' }, { category: 'municipal', sub_item: 'municipal.manhole' }, { unplaced: '1' },
      { district: '福田区', street: '福田街道' }, { street: '西乡街道', category: 'municipal' }, { place: '固戍地铁站A出口' }];
    for (const f of filters) {
      const direct = ctx.db.prepare(`SELECT count(*) FROM leads WHERE discovered_at >= @start AND discovered_at < @end AND (@district IS NULL OR district = @district)
        AND (@unplaced IS NULL OR district IS NULL) AND (@street IS NULL OR street = @street) AND (@place IS NULL OR place = @place)
        AND (@category IS NULL OR category = @category) AND (@sub_item IS NULL OR sub_item = @sub_item)`).pluck()
        .get({ start, end, district: null, unplaced: null, street: null, place: null, category: null, sub_item: null, ...f });
      expect([f, leadList(ctx, { ...period, ...f, limit: 1 } as Parameters<typeof leadList>[1]).total]).toEqual([f, direct]);
    }
  });
});
