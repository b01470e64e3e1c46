/**
 * 公益诉讼: domain rules validated at load (file and field named), a table of posts and the domains
 * they fall in, tagging in the lead step, and the API (filters, saved searches per user, transfers
 * kept by supervisors, audited; domains on the lead, its order and the exports) on the real app.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../../src/audit/actor.js';
import { EngineHolder } from '../../src/engine/engine-holder.js';
import { processPost } from '../../src/leads/lead-step.js';
import { loadDomainRules } from '../../src/public-interest/domain-rules.js';
import { publicInterestDomains, tagDomains } from '../../src/public-interest/tag-domains.js';
import { storePosts } from '../../src/storage/posts.js';
import { confirmLead } from '../../src/workorders/confirm-lead.js';
import { createApiKey } from '../../src/downstream/api-keys.js';
import { tempContext, type TempContext } from '../helpers/temp-context.js';
import { createUser, login, startApp, type Client, type RunningApp } from '../helpers/web-app.js';

const rules = loadDomainRules(path.resolve('rules'));

describe('rules/public-interest.yaml', () => {
  it('names fifteen domains in Chinese', () => {
    expect(rules.domains.map((d) => d.code)).toEqual(['ecology', 'food_drug', 'state_property', 'land_transfer', 'heroes_martyrs', 'minors', 'servicemen', 'work_safety', 'personal_info', 'anti_monopoly', 'telecom_fraud', 'farm_produce', 'womens_rights', 'accessibility', 'cultural_relics']);
    for (const d of rules.domains) expect(d.name).toMatch(/[\u4e00-\u9fff]/);
  });

  it.each([
    ['茅洲河边的工厂晚上偷排污水，河水发黑', ['ecology']],
    ['学校门口小卖部向学生卖烟，孩子们天天去买', ['minors']],
    ['盲道被电动车占满了，轮椅也过不去', ['accessibility']],
    ['接到冒充客服的诈骗电话，泄露了我的身份证号', ['personal_info', 'telecom_fraud']],
    ['小区里一座清代祠堂被拆了，这是文物啊', ['cultural_relics']],
    ['今天天气不错，去公园散步', []],
  ])('%s → %j', (text, expected) => {
    expect(tagDomains(rules, null, text)).toEqual(expected);
  });

  it('refuses a broken file naming the file and the field', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'civic-radar-pi-'));
    try {
      writeFileSync(path.join(dir, 'public-interest.yaml'), 'domains:\n  - code: ecology\n    name: 生态\n    rules:\n      - id: bad\n        none: ["x"]\n');
      expect(() => loadDomainRules(dir)).toThrow(/public-interest\.yaml.*domains\[0\]\.rules\[0\]|a rule needs at least one of any, all, near/);
      writeFileSync(path.join(dir, 'public-interest.yaml'), 'domains:\n  - code: Eco\n    name: 生态\n    rules: [{ id: a, any: ["x"] }]\n');
      expect(() => loadDomainRules(dir)).toThrow(/lower_snake_case/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('on the real app', () => {
  let ctx: TempContext;
  let app: RunningApp;
  let supervisor: Client;
  let verifier: Client;
  let leadId: number;

  beforeAll(async () => {
    ctx = tempContext();
    await createUser(ctx, 'wangdu', 'supervisor');
    await createUser(ctx, 'li', 'verifier');
    const holder = new EngineHolder(ctx.config.rulesDir, { city: ctx.config.city });
    const now = new Date().toISOString();
    const { newIds } = storePosts(ctx.db, [{ platform: 'weibo', platformPostId: 'pi1', text: '宝安区松岗街道茅洲河边的工厂晚上偷排污水，河水发黑发臭<img src=x onerror=alert(1)>', raw: '{}' }], now);
    const post = ctx.db.prepare('SELECT * FROM posts WHERE id = ?').get(newIds[0]) as Parameters<typeof processPost>[2];
    const { filing } = processPost(ctx.db, holder, post, now, undefined, { domains: publicInterestDomains(ctx.config.rulesDir) });
    expect(filing).toBeDefined();
    leadId = filing!.leadId;
    app = await startApp(ctx);
    supervisor = await login(app.baseUrl, 'wangdu');
    verifier = await login(app.baseUrl, 'li');
  });
  afterAll(async () => {
    await app?.close();
    ctx?.cleanup();
  });

  it('tags the lead in the lead step and finds it by domain, keyword and time', async () => {
    expect((await supervisor.get(`/api/leads/${leadId}/public-interest`)).body.domains).toEqual([{ code: 'ecology', name: '生态环境和资源保护' }]);
    const ids = async (query: string) => (await supervisor.get(`/api/public-interest/leads?${query}`)).body.items.map((i: { id: number }) => i.id);
    expect(await ids('domain=ecology')).toEqual([leadId]);
    expect(await ids(`domain=ecology&q=${encodeURIComponent('偷排')}`)).toEqual([leadId]);
    expect(await ids(`q=${encodeURIComponent('噪音')}`)).toEqual([]);
    expect(await ids('domain=minors')).toEqual([]);
    expect(await ids('from=2000-01-01T00:00:00Z&to=2001-01-01T00:00:00Z')).toEqual([]);
  });

  it('keeps saved searches per user', async () => {
    const saved = await supervisor.post('/api/public-interest/searches', { name: '茅洲河偷排', filter: { domain: 'ecology', q: '偷排' } });
    expect(saved.status).toBe(201);
    expect((await supervisor.get('/api/public-interest/searches')).body.items).toHaveLength(1);
    expect((await verifier.get('/api/public-interest/searches')).body.items).toHaveLength(0);
    expect((await verifier.delete(`/api/public-interest/searches/${saved.body.id}`)).status).toBe(404);
    expect((await supervisor.delete(`/api/public-interest/searches/${saved.body.id}`)).status).toBe(200);
  });

  it('records a transfer to the procuratorate and its outcome, audited; verifiers may not', async () => {
    expect((await verifier.post('/api/public-interest/transfers', { lead_id: leadId, recipient: '宝安区人民检察院' })).status).toBe(403);
    const t = await supervisor.post('/api/public-interest/transfers', { lead_id: leadId, recipient: '宝安区人民检察院', note: '附照片' });
    expect(t.status).toBe(201);
    expect(t.body).toMatchObject({ recipient: '宝安区人民检察院', by: 'wangdu', outcome: null });
    const u = await supervisor.patch(`/api/public-interest/transfers/${t.body.id}`, { outcome: '已立案' });
    expect(u.body.outcome).toBe('已立案');
    expect((await supervisor.post('/api/public-interest/transfers', { lead_id: 99999, recipient: 'x' })).status).toBe(404);
    expect(ctx.db.prepare("SELECT action FROM audit_log WHERE entity = 'lead' AND action LIKE 'transfer%' ORDER BY id").pluck().all()).toEqual(['transfer', 'transfer_update']);
    expect((await supervisor.get(`/api/leads/${leadId}/public-interest`)).body.transfers[0]).toMatchObject({ outcome: '已立案' });
  });

  it('names the domains on the lead, its work order and the CSV exports', async () => {
    const ecology = [{ code: 'ecology', name: '生态环境和资源保护' }];
    expect((await supervisor.get(`/api/leads/${leadId}`)).body.domains).toEqual(ecology);
    const { number } = confirmLead(ctx, { leadId, actor: SYSTEM });
    expect((await supervisor.get(`/api/work-orders/${number}`)).body.domains).toEqual(ecology);
    // departments and their systems read them too: the order and the cursor pull
    const { key } = createApiKey(ctx.db, { name: '区城管局', scopes: ['work_orders:read'], actor: SYSTEM });
    const pull = (p: string) => fetch(`${app.baseUrl}${p}`, { headers: { authorization: `Bearer ${key}` } }).then((r) => r.json() as Promise<any>);
    expect((await pull(`/api/v1/work-orders/${number}`)).domains).toEqual(ecology);
    expect((await pull('/api/v1/work-orders')).items.find((o: any) => o.number === number).domains).toEqual(ecology);
    const range = 'from=2000-01-01T00:00:00Z&to=2100-01-01T00:00:00Z';
    for (const kind of ['leads', 'work-orders']) {
      const [header, row] = ((await supervisor.get(`/api/exports/${kind}.csv?${range}`)).body as string).replace(/^\uFEFF/, '').split('\r\n').map((l) => l.split(','));
      expect(row![header!.indexOf('公益诉讼领域')]).toBe('生态环境和资源保护');
    }
  });
});
