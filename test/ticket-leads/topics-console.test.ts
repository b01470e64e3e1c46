/**
 * The 过筛子 topics in the 规则 console (admins): listed with their rule count, checked as typed,
 * refused when they would not load (a bad regular expression; a pack edit that drops a sub-item a
 * topic names), activated with a version, and then screening uses them. Real app, temp copy of rules/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenTicketTopics } from '../../src/ticket-leads/topic-screening.js';
import { tempRules } from '../helpers/rule-files.js';
import { tempContext, type TempContext } from '../helpers/temp-context.js';
import { insertTicket } from '../helpers/ticket-fixtures.js';
import { createUser, login, startApp, type Client, type RunningApp } from '../helpers/web-app.js';

let ctx: TempContext;
let app: RunningApp;
let rules: ReturnType<typeof tempRules>;
let admin: Client;
let supervisor: Client;

beforeAll(async () => {
  rules = tempRules();
  ctx = tempContext({ rulesDir: rules.rulesDir, trainingDirs: [rules.labelled], model: false });
  await createUser(ctx, 'boss', 'admin');
  await createUser(ctx, 'wangdu', 'supervisor');
  app = await startApp(ctx);
  admin = await login(app.baseUrl, 'boss');
  supervisor = await login(app.baseUrl, 'wangdu');
}, 60_000);
afterAll(async () => {
  await app?.close();
  ctx?.cleanup();
  rules?.cleanup();
});

const NEW_TOPIC = `  - code: elevator_safety
    name: 电梯安全
    description: 电梯困人、故障停运、维保缺失
    rules:
      - id: trapped
        name: 电梯困人或故障
        near:
          - { a: "电梯", b: "困人|被困|故障|停运|急停|坠落", within: 8 }
`;

describe('过筛子专题 in the 规则 console', () => {
  it('is listed for admins only, with its Chinese name and rule count', async () => {
    const res = await admin.get('/api/admin/rules');
    expect(res.body.files.find((f: { key: string }) => f.key === 'screening_topics')).toMatchObject({ file: 'screening-topics.yaml', name: '过筛子专题', rules: 7 });
    expect((await supervisor.get('/api/admin/rules/screening_topics')).status).toBe(403);
  });

  it('checks an edit against the topics schema as it is typed, placing the issue', async () => {
    const open = (await admin.get('/api/admin/rules/screening_topics')).body;
    const res = await admin.post('/api/admin/rules/screening_topics/validate', { yaml: open.yaml.replace('categories: [fire_safety, property, municipal, city_order]', 'categories: [fire]') });
    expect(res.body.valid).toBe(false);
    expect(res.body.issues[0]).toMatchObject({ field: 'topics[1].match.categories[0]', line: expect.any(Number) });
  });

  it('refuses to activate topics that would not load, and a pack edit that drops a sub-item a topic names', async () => {
    const open = (await admin.get('/api/admin/rules/screening_topics')).body;
    const badRegex = await admin.post('/api/admin/rules/screening_topics/activate', { yaml: `${open.yaml}${NEW_TOPIC.replace('"电梯"', '"/电梯(/"')}`, baseSha: open.sha });
    expect(badRegex.status).toBe(400);
    expect(JSON.stringify(badRegex.body)).toMatch(/invalid regular expression/);
    // a topic that names the municipal pack's gas sub-item; then the pack without it
    const withSubItem = open.yaml.replace('  - code: gas_safety\n', '  - code: gas_safety\n    match: { sub_items: [municipal.gas] }\n');
    expect((await admin.post('/api/admin/rules/screening_topics/activate', { yaml: withSubItem, baseSha: open.sha })).status).toBe(200);
    const pack = (await admin.get('/api/admin/rules/municipal')).body;
    const withoutGas = pack.yaml.replace(/  - item: gas\n[\s\S]*?(?=  - item: )/, '');
    expect(withoutGas).not.toContain('item: gas\n');
    const refused = await admin.post('/api/admin/rules/municipal/activate', { yaml: withoutGas, baseSha: pack.sha });
    expect(refused.status).toBe(400);
    expect(refused.body.issues[0].message).toMatch(/screening-topics\.yaml: field "topics\[3\] \(gas_safety\)\.match\.sub_items": unknown sub-item "municipal\.gas"/);
  }, 120_000);

  it('activates a new topic: versioned, and screening uses it at once', async () => {
    const open = (await admin.get('/api/admin/rules/screening_topics')).body;
    const res = await admin.post('/api/admin/rules/screening_topics/activate', { yaml: `${open.yaml}${NEW_TOPIC}`, baseSha: open.sha });
    expect(res.status).toBe(200);
    expect(res.body.version).toMatchObject({ file: 'screening-topics.yaml', action: 'activate', actor_name: 'boss' });
    expect((await supervisor.get('/api/screening-topics')).body.topics.map((t: { name: string }) => t.name)).toContain('电梯安全');
    const id = insertTicket(ctx.db, { text: '小区电梯故障困人半小时', isLead: false });
    expect(screenTicketTopics(ctx).byTopic).toEqual({ elevator_safety: 1 });
    expect(ctx.db.prepare('SELECT topic FROM ticket_leads WHERE ticket_id = ?').pluck().all(id)).toEqual(['elevator_safety']);
  }, 120_000);
});
