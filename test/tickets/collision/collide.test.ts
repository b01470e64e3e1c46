import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { collideLead, collidePass, collideTickets } from '../../../src/collision/collide.js';
import { DEFAULT_COLLISION_POLICY as P } from '../../../src/collision/collision-policy.js';
import { collisionStep } from '../../../src/collision/collision-step.js';
import { createLogger } from '../../../src/log.js';
import { inTransaction } from '../../../src/storage/database.js';
import { linksOfLeads, setLinkState } from '../../../src/storage/ticket-links.js';
import { SYSTEM } from '../../../src/audit/actor.js';
import { confirmLead } from '../../../src/workorders/confirm-lead.js';
import { insertLead } from '../../helpers/lead-fixtures.js';
import { createUser } from '../../helpers/web-app.js';
import { tempContext, type TempContext } from '../../helpers/temp-context.js';
import { insertTicket } from './ticket-fixtures.js';

const T0 = '2026-11-10T02:00:00.000Z';
const at = (days: number) => new Date(Date.parse(T0) + days * 86_400_000).toISOString();
const NOW = '2026-12-01T00:00:00.000Z';

let ctx: TempContext;
beforeEach(() => {
  ctx = tempContext();
});
afterEach(() => ctx.cleanup());

const lamp = { category: 'municipal', subItem: 'streetlight', district: '宝安区', street: '新安街道', place: '宝民一路' };
const lampLead = (db = ctx.db, publishedAt = T0) => insertLead(db, { ...lamp, discoveredAt: publishedAt, posts: [{ text: '宝民一路的路灯坏了一个多星期了，晚上黑漆漆的走路都怕', publishedAt }] }).leadId;
const links = (leadId: number) => linksOfLeads(ctx.db, [leadId]).get(leadId) ?? [];

describe('collision on a real store', () => {
  it('links planted pairs (before and after), not planted near-misses, and reruns idempotently', () => {
    const lead = lampLead();
    const before = insertTicket(ctx.db, { ...lamp, ticketNo: 'RX-1', receivedAt: at(-3), text: '市民来电反映：宝民1路路段路灯不亮已有多日，夜间行人出行不便，请尽快维修。' });
    const after = insertTicket(ctx.db, { ...lamp, ticketNo: 'RX-2', receivedAt: at(4), place: null, text: '来电人称宝民一路多盏路灯夜间不亮，路灯坏了一个多星期，要求维修。' });
    // near-misses: another road, months later, another problem at the same place, another district
    insertTicket(ctx.db, { ...lamp, ticketNo: 'NM-1', receivedAt: at(1), place: '宝民二路', text: '市民反映宝民二路路灯不亮，请维修。' });
    insertTicket(ctx.db, { ...lamp, ticketNo: 'NM-2', receivedAt: at(95), text: '市民反映宝民一路路灯不亮已有多日，请尽快维修。' });
    insertTicket(ctx.db, { ...lamp, ticketNo: 'NM-3', receivedAt: at(2), subItem: 'manhole', text: '市民反映宝民一路人行道井盖缺失，请处理。' });
    insertTicket(ctx.db, { ...lamp, ticketNo: 'NM-4', receivedAt: at(2), district: '南山区', street: null, place: null, text: '市民反映路灯不亮已有多日，请尽快维修。' });

    const first = collidePass(ctx.db, P, NOW, { all: true });
    expect(first.linked).toBe(2);
    expect(links(lead).map((l) => [l.ticket_no, l.relation, l.linked_by])).toEqual([['RX-1', 'ticket_before', 'system'], ['RX-2', 'ticket_after', 'system']]);
    expect(links(lead).map((l) => l.ticket_id)).toEqual([before, after]);

    const second = collidePass(ctx.db, P, NOW, { all: true });
    expect(second.linked).toBe(0);
    expect(ctx.db.prepare('SELECT count(*) FROM ticket_links').pluck().get()).toBe(2);
    // the hook the import calls: already linked tickets are left alone
    expect(inTransaction(ctx.db, () => collideTickets(ctx.db, [before, after], P, NOW))).toBe(0);
  });

  it('the pending pass matches each reading of a ticket once; a re-read ticket is pending again', () => {
    const id = insertTicket(ctx.db, { ...lamp, ticketNo: 'RX-3', receivedAt: at(1), text: '市民反映宝民一路路灯坏了不亮，请维修。' });
    expect(collidePass(ctx.db, P, NOW)).toMatchObject({ tickets: 1, linked: 0 });
    expect(collidePass(ctx.db, P, NOW)).toMatchObject({ tickets: 0 });
    const lead = lampLead();
    expect(collidePass(ctx.db, P, NOW)).toMatchObject({ tickets: 0 }); // the new lead is matched by the pipeline step, not the ticket pass
    ctx.db.prepare('UPDATE tickets SET screened_at = ? WHERE id = ?').run('2026-12-02T00:00:00.000Z', id);
    expect(collidePass(ctx.db, P, NOW)).toMatchObject({ tickets: 1, linked: 1 });
    expect(links(lead).map((l) => l.ticket_no)).toEqual(['RX-3']);
  });

  it('the candidate search keeps places written with spaces, dots or case apart from the matcher\'s own check', () => {
    const lead = insertLead(ctx.db, { ...lamp, place: '宝民一路 38号', discoveredAt: T0, posts: [{ text: '宝民一路38号门口的路灯坏了，晚上黑漆漆的', publishedAt: T0 }] }).leadId;
    insertTicket(ctx.db, { ...lamp, ticketNo: 'RX-6', receivedAt: at(1), place: '宝民一路38号', text: '市民反映宝民一路38号门口路灯坏了不亮，请维修。' });
    insertTicket(ctx.db, { ...lamp, ticketNo: 'NM-6', receivedAt: at(1), place: '宝民二路', text: '市民反映宝民二路路灯坏了不亮，请维修。' });
    collidePass(ctx.db, P, NOW, { all: true });
    expect(links(lead).map((l) => l.ticket_no)).toEqual(['RX-6']);
  });

  it('a ticket goes to its best lead only: the department sees one problem', () => {
    const a = lampLead(ctx.db, T0);
    const b = insertLead(ctx.db, { ...lamp, place: null, discoveredAt: at(10), posts: [{ text: '新安这边晚上好黑', publishedAt: at(10) }] }).leadId;
    insertTicket(ctx.db, { ...lamp, ticketNo: 'RX-9', receivedAt: at(1), text: '市民反映宝民一路路灯坏了不亮，夜间漆黑，请维修。' });
    collidePass(ctx.db, P, NOW, { all: true });
    expect(links(a).map((l) => l.ticket_no)).toEqual(['RX-9']);
    expect(links(b)).toEqual([]);
  });

  it('a lead filed after a matching ticket is 已诉 (the pipeline step), and an undone link is never made again', async () => {
    insertTicket(ctx.db, { ...lamp, ticketNo: 'RX-5', receivedAt: at(-5), text: '市民来电反映宝民一路路灯不亮已有多日，夜间行人出行不便，请尽快维修。' });
    expect(collidePass(ctx.db, P, NOW, { all: true }).linked).toBe(0); // no lead yet
    const lead = lampLead();
    const postId = ctx.db.prepare('SELECT post_id FROM lead_posts WHERE lead_id = ?').pluck().get(lead) as number;
    inTransaction(ctx.db, () => collisionStep(P, createLogger('silent')).process(ctx.db, [{ id: postId } as never]));
    const [link] = links(lead);
    expect(link).toMatchObject({ ticket_no: 'RX-5', relation: 'ticket_before', state: 'linked' });

    const admin = (await createUser(ctx, 'zhang', 'admin')).id;
    setLinkState(ctx.db, link!.link_id, 'undone', admin, NOW);
    expect(collideLead(ctx.db, lead, P, NOW)).toBe(0);
    expect(collidePass(ctx.db, P, NOW, { all: true }).linked).toBe(0);
    expect(linksOfLeads(ctx.db, [lead], true).get(lead)!.map((l) => l.state)).toEqual(['undone']);
  });

  it('recomputes the relation when a lead turns out to be older', () => {
    const lead = lampLead(ctx.db, at(2));
    insertTicket(ctx.db, { ...lamp, ticketNo: 'RX-7', receivedAt: at(0), text: '市民来电反映宝民一路路灯不亮，请维修。' });
    collidePass(ctx.db, P, NOW, { all: true });
    expect(links(lead)[0]!.relation).toBe('ticket_before');
    ctx.db.prepare('UPDATE leads SET posted_at = ? WHERE id = ?').run(at(-1), lead);
    expect(collidePass(ctx.db, P, NOW, { all: true }).relationsChanged).toBe(1);
    expect(links(lead)[0]!.relation).toBe('ticket_after');
  });

  it("a ticket linked to a confirmed lead moves the work order's change sequence (departments pull it)", () => {
    const lead = lampLead();
    const orderId = confirmLead(ctx, { leadId: lead, actor: SYSTEM }).id;
    const seq = () => ctx.db.prepare('SELECT change_seq FROM work_orders WHERE id = ?').pluck().get(orderId) as number;
    const beforeSeq = seq();
    insertTicket(ctx.db, { ...lamp, ticketNo: 'RX-8', receivedAt: at(6), text: '市民反映宝民一路路灯还是不亮，请尽快维修。' });
    collidePass(ctx.db, P, NOW, { all: true });
    expect(links(lead).map((l) => l.ticket_no)).toEqual(['RX-8']);
    expect(seq()).toBeGreaterThan(beforeSeq);
  });
});
