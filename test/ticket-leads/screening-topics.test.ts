/**
 * 过筛子: the shipped topics (rules/screening-topics.yaml) validated at load, a table of tickets and
 * the topics they hit with why (filters, rules, spans in the ticket's own text), errors that name
 * file and field, and the screening step on a real SQLite file: idempotent, re-screening when the
 * engine reads a ticket again or the topics change, reviewed hits kept.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenTicket, screenedText, type ScreeningInput } from '../../src/ticket-leads/screen-ticket.js';
import { loadScreeningTopics } from '../../src/ticket-leads/screening-topics.js';
import { screenTicketTopics } from '../../src/ticket-leads/topic-screening.js';
import { createTicketScreeningService } from '../../src/ticket-leads/ticket-screening-service.js';
import { insertTicket } from '../helpers/ticket-fixtures.js';
import { tempContext, type TempContext } from '../helpers/temp-context.js';

const topics = loadScreeningTopics(path.resolve('rules'));

const ticket = (over: Partial<ScreeningInput>): ScreeningInput => ({
  title: null, text: '', category_raw: null, address: null, district_raw: null, received_at: '2026-12-01T02:00:00.000Z',
  is_lead: 0, category: null, sub_item: null, urgency: null, district: null, street: null, place: null, domains: [], ...over,
});
const codes = (t: ScreeningInput) => screenTicket(topics, t).map((h) => h.topic);

describe('rules/screening-topics.yaml', () => {
  it('names six topics in Chinese, each with a description', () => {
    expect(topics.topics.map((t) => t.code)).toEqual(['manhole_covers', 'ebike_charging', 'prepaid_cards', 'gas_safety', 'school_food_safety', 'flood_season_waterlogging']);
    for (const t of topics.topics) {
      expect(t.name).toMatch(/^[\u4e00-\u9fff]+$/);
      expect(t.description).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it.each<[string, Partial<ScreeningInput>, string[]]>([
    ['a missing manhole cover', { text: '小区门口的井盖不见了，晚上很危险' }, ['manhole_covers']],
    ['a cover already fixed', { text: '上周反映的井盖破损已修复，谢谢' }, []],
    ['e-bike charging, engine reads fire safety', { text: '楼道里有人拉电线给电动车充电', category: 'fire_safety' }, ['ebike_charging']],
    ['e-bike charging, but the engine read it as traffic', { text: '楼道里有人拉电线给电动车充电', category: 'traffic' }, []],
    ['a charging cabinet on fire (near)', { text: '小区的充电柜昨晚突然冒烟了', category: 'fire_safety' }, ['ebike_charging']],
    ['a gym that closed with prepaid cards', { title: '健身房跑路', text: '办了年卡才两个月，老板关门联系不上' }, ['prepaid_cards']],
    ['a gas smell', { text: '楼下餐馆燃气味道很大，担心泄漏' }, ['gas_safety']],
    ['school canteen food', { text: '孩子说学校食堂的饭菜发霉了' }, ['school_food_safety']],
    ['canteen food not near a school', { text: '公司食堂的饭菜发霉了' }, []],
    ['waterlogging in July (Beijing time)', { text: '路口积水很深', received_at: '2026-07-10T01:00:00.000Z' }, ['flood_season_waterlogging']],
    ['waterlogging in December', { text: '路口积水很深', received_at: '2026-12-10T01:00:00.000Z' }, []],
    ['the engine reads a lead with a category', { text: '路灯不亮', is_lead: 1, category: 'municipal' }, ['engine_lead']],
    ['a lead without a category is not an engine lead', { text: '路灯不亮', is_lead: 1 }, []],
    ['engine lead and a topic', { text: '井盖缺失，有人摔倒', is_lead: 1, category: 'municipal' }, ['engine_lead', 'manhole_covers']],
    ['nothing', { text: '咨询公积金提取流程' }, []],
  ])('%s', (_name, over, expected) => {
    expect(codes(ticket(over))).toEqual(expected);
  });

  it('gives the reasons and the spans in the ticket\'s own text (title, line break, text)', () => {
    const t = ticket({ title: '健身房跑路', text: '办了年卡才两个月，老板关门联系不上' });
    const [hit] = screenTicket(topics, t);
    expect(hit!.reasons).toEqual([{ kind: 'rule', rule: 'card_refund', name: '预付卡退费或跑路', phrases: ['年卡', '跑路'] }]);
    const text = screenedText(t);
    expect(hit!.spans.map((s) => text.slice(s.start, s.end))).toEqual(['跑路', '年卡']);
    expect(new Set(hit!.spans.map((s) => s.rule))).toEqual(new Set(['预付卡退费或跑路']));
  });

  it('maps spans through traditional characters and full-width letters back to the stored text', () => {
    const t = ticket({ text: 'ＡＢ小區的井蓋不見了' });
    const [hit] = screenTicket(topics, t);
    expect(hit!.spans.map((s) => t.text.slice(s.start, s.end))).toEqual(['井蓋', '不見']);
  });
});

describe('filters', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'civic-radar-topics-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const load = (yaml: string) => {
    cpSync(path.resolve('rules/packs'), path.join(dir, 'packs'), { recursive: true });
    writeFileSync(path.join(dir, 'screening-topics.yaml'), yaml);
    return loadScreeningTopics(dir);
  };

  it.each<[string, string, Partial<ScreeningInput>, boolean]>([
    ['hotline category contains', 'hotline_categories: ["燃气"]', { category_raw: '城市管理/燃气安全' }, true],
    ['hotline category differs', 'hotline_categories: ["燃气"]', { category_raw: '交通' }, false],
    ['district from the engine', 'districts: [宝安区]', { district: '宝安区', district_raw: '南山区' }, true],
    ['district from the hotline when the engine has none', 'districts: [宝安区]', { district_raw: '宝安区' }, true],
    ['street', 'streets: [松岗街道]', { street: '松岗街道' }, true],
    ['place in the address', 'places: [实验学校]', { address: '南山区南山实验学校东门' }, true],
    ['hours wrap past midnight (23:00 Beijing)', 'received: { hours: { from: 22, to: 6 } }', { received_at: '2026-12-01T15:00:00.000Z' }, true],
    ['hours wrap past midnight (12:00 Beijing)', 'received: { hours: { from: 22, to: 6 } }', { received_at: '2026-12-01T04:00:00.000Z' }, false],
    ['dates are Beijing days (Dec 1 00:30 Beijing)', 'received: { from: "2026-12-01", to: "2026-12-01" }', { received_at: '2026-11-30T16:30:00.000Z' }, true],
    ['urgency', 'urgency: urgent', { urgency: 'normal' }, false],
    ['domains', 'domains: [work_safety]', { domains: ['ecology', 'work_safety'] }, true],
    ['sub-items', 'sub_items: [municipal.gas]', { sub_item: 'municipal.gas' }, true],
    ['every filter must hold', 'districts: [宝安区]\n      urgency: urgent', { district: '宝安区', urgency: 'normal' }, false],
  ])('%s', (_name, match, over, hits) => {
    const t = load(`topics:\n  - code: t\n    name: 专题\n    description: 说明\n    match:\n      ${match}\n`);
    expect(screenTicket(t, ticket(over)).length).toBe(hits ? 1 : 0);
  });

  it.each([
    ['a rule without a condition', 'topics:\n  - code: t\n    name: 专题\n    description: 说明\n    rules: [{ id: r, name: 规则, none: ["x"] }]\n', /screening-topics\.yaml.*topics\[0\]\.rules\[0\].*a rule needs at least one of any, all, near/s],
    ['a topic with neither rules nor filters', 'topics:\n  - code: t\n    name: 专题\n    description: 说明\n', /topics\[0\].*a topic needs keyword rules or at least one filter/s],
    ['an unknown category', 'topics:\n  - code: t\n    name: 专题\n    description: 说明\n    match: { categories: [roads] }\n', /screening-topics\.yaml.*topics\[0\]\.match\.categories\[0\].*expected one of/s],
    ['an unknown filter', 'topics:\n  - code: t\n    name: 专题\n    description: 说明\n    match: { keyword: [x] }\n', /screening-topics\.yaml.*topics\[0\]\.match.*Unrecognized key.*keyword/s],
    ['the built-in code', 'topics:\n  - code: engine_lead\n    name: 专题\n    description: 说明\n    match: { urgency: urgent }\n', /duplicate topic code "engine_lead"/],
    ['an unknown sub-item', 'topics:\n  - code: t\n    name: 专题\n    description: 说明\n    match: { sub_items: [municipal.manhole_cover] }\n', /unknown sub-item "municipal.manhole_cover".*match\.sub_items/s],
    ['a bad regex', 'topics:\n  - code: t\n    name: 专题\n    description: 说明\n    rules: [{ id: r, name: 规则, any: ["/(/"] }]\n', /invalid regular expression.*topics\[0\] \(t\)\.rules\[0\] \(id r\)/s],
  ])('refuses %s, naming file and field', (_name, yaml, message) => {
    let error: Error | undefined;
    try {
      load(yaml);
    } catch (err) {
      error = err as Error;
    }
    expect(`${error?.message} ${JSON.stringify(error)}`).toMatch(message);
  });
});

describe('the screening step', () => {
  let ctx: TempContext;
  const ids = {} as Record<'cover' | 'gym' | 'plain' | 'unread' | 'lamp', number>;
  const hits = () => ctx.db.prepare('SELECT ticket_id, topic, status FROM ticket_leads ORDER BY ticket_id, topic').all();

  beforeAll(() => {
    const rulesDir = mkdtempSync(path.join(tmpdir(), 'civic-radar-rules-'));
    cpSync(path.resolve('rules'), rulesDir, { recursive: true });
    ctx = tempContext({ rulesDir });
    ids.cover = insertTicket(ctx.db, { text: '小区门口的井盖不见了', isLead: true, category: 'municipal', subItem: 'municipal.manhole' });
    ids.gym = insertTicket(ctx.db, { text: '健身房跑路，年卡不退', isLead: false });
    ids.plain = insertTicket(ctx.db, { text: '咨询公积金提取流程', isLead: false });
    ids.unread = insertTicket(ctx.db, { text: '井盖松动', screenedAt: null });
    ids.lamp = insertTicket(ctx.db, { text: '路灯不亮', isLead: true, category: 'municipal' });
  });
  afterAll(() => {
    rmSync(ctx.config.rulesDir, { recursive: true, force: true });
    ctx.cleanup();
  });

  it('screens the tickets the engine has read, once', () => {
    expect(screenTicketTopics(ctx)).toEqual({ tickets: 4, added: 4, removed: 0, byTopic: { engine_lead: 2, manhole_covers: 1, prepaid_cards: 1 } });
    expect(hits()).toEqual([
      { ticket_id: ids.cover, topic: 'engine_lead', status: 'pending' },
      { ticket_id: ids.cover, topic: 'manhole_covers', status: 'pending' },
      { ticket_id: ids.gym, topic: 'prepaid_cards', status: 'pending' },
      { ticket_id: ids.lamp, topic: 'engine_lead', status: 'pending' },
    ]);
    expect(screenTicketTopics(ctx)).toEqual({ tickets: 0, added: 0, removed: 0, byTopic: {} });
    expect(screenTicketTopics(ctx, { all: true })).toEqual({ tickets: 4, added: 0, removed: 0, byTopic: {} });
    expect(hits()).toHaveLength(4);
  });

  it('screens a ticket again when the engine reads it again', () => {
    ctx.db.prepare("UPDATE tickets SET screened_at = ?, is_lead = 1, category = 'road' WHERE id = ?").run(new Date(Date.now() + 1000).toISOString(), ids.unread);
    expect(screenTicketTopics(ctx)).toEqual({ tickets: 1, added: 2, removed: 0, byTopic: { engine_lead: 1, manhole_covers: 1 } });
  });

  it('finds a reading committed late (stamped before the last pass) within five minutes', () => {
    const late = insertTicket(ctx.db, { text: '燃气泄漏，气味很大', isLead: false, screenedAt: new Date(Date.now() - 2 * 60_000).toISOString() });
    expect(screenTicketTopics(ctx)).toEqual({ tickets: 1, added: 1, removed: 0, byTopic: { gas_safety: 1 } });
    ctx.db.prepare('DELETE FROM ticket_leads WHERE ticket_id = ?').run(late);
    ctx.db.prepare('DELETE FROM tickets WHERE id = ?').run(late);
  });

  it('screens new tickets when the service starts', async () => {
    const id = insertTicket(ctx.db, { text: '小区里有人把电动车推进电梯上楼充电', isLead: true, category: 'property' });
    const service = createTicketScreeningService(ctx);
    await service.start();
    await service.stop();
    expect(ctx.db.prepare('SELECT topic FROM ticket_leads WHERE ticket_id = ? ORDER BY topic').pluck().all(id)).toEqual(['ebike_charging', 'engine_lead']);
    ctx.db.prepare('DELETE FROM ticket_leads WHERE ticket_id = ?').run(id);
    ctx.db.prepare('DELETE FROM tickets WHERE id = ?').run(id);
  });

  it('re-screens when the topics change: pending hits that no longer hold go, reviewed ones stay', () => {
    ctx.db.prepare("UPDATE ticket_leads SET status = 'valuable' WHERE ticket_id = ? AND topic = 'manhole_covers'").run(ids.cover);
    const file = path.join(ctx.config.rulesDir, 'screening-topics.yaml');
    const yaml = readFileSync(file, 'utf8');
    // manhole_covers now only counts in 宝安区: both its hits stop holding; the reviewed one stays
    writeFileSync(file, yaml.replace('  - code: manhole_covers\n', '  - code: manhole_covers\n    match: { districts: [宝安区] }\n'));
    const later = new Date(Date.now() + 5000);
    // the loader reloads on a changed mtime; a coarse clock could leave it equal
    utimesSync(file, later, later);
    expect(screenTicketTopics(ctx, { all: true })).toEqual({ tickets: 5, added: 0, removed: 1, byTopic: {} });
    expect(hits()).toEqual([
      { ticket_id: ids.cover, topic: 'engine_lead', status: 'pending' },
      { ticket_id: ids.cover, topic: 'manhole_covers', status: 'valuable' },
      { ticket_id: ids.gym, topic: 'prepaid_cards', status: 'pending' },
      { ticket_id: ids.unread, topic: 'engine_lead', status: 'pending' },
      { ticket_id: ids.lamp, topic: 'engine_lead', status: 'pending' },
    ]);
  });
});
