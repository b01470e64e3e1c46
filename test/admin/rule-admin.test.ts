import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineHolder } from '../../src/engine/engine-holder.js';
import { judge } from '../../src/engine/judge.js';
import { storePosts } from '../../src/storage/posts.js';
import { PHRASE_TEXT, tempRules, withPhrase } from '../helpers/rule-files.js';
import { tempContext, type TempContext } from '../helpers/temp-context.js';
import { createUser, login, startApp, type Client, type RunningApp } from '../helpers/web-app.js';

/** 规则 console's API: the real app on 127.0.0.1, a real SQLite file, a temp copy of rules/ and a small labelled set. */
let ctx: TempContext;
let app: RunningApp;
let rules: ReturnType<typeof tempRules>;
let admin: Client;
let verifier: Client;
let holder: EngineHolder;
const HOSTILE = '<img src=x onerror="window.__pwned=1">';

beforeAll(async () => {
  rules = tempRules(HOSTILE);
  ctx = tempContext({ rulesDir: rules.rulesDir, trainingDirs: [rules.labelled], model: false });
  storePosts(ctx.db, [
    { platform: 'weibo', platformPostId: 's1', text: `${HOSTILE}${PHRASE_TEXT}`, raw: '{}' },
    { platform: 'weibo', platformPostId: 's2', text: '今天天气不错', raw: '{}' },
  ]);
  await createUser(ctx, 'boss', 'admin');
  await createUser(ctx, 'li', 'verifier');
  app = await startApp(ctx);
  admin = await login(app.baseUrl, 'boss');
  verifier = await login(app.baseUrl, 'li');
  holder = new EngineHolder(rules.rulesDir, { city: ctx.config.city });
}, 60_000);
afterAll(async () => {
  await app?.close();
  ctx?.cleanup();
  rules?.cleanup();
});

const isLead = () => judge({ id: 'x', text: PHRASE_TEXT }, holder.current).is_lead;

describe('rule files', () => {
  it('lists every pack and the exclusions, signals and urgency files with name, rule count, last change', async () => {
    const res = await admin.get('/api/admin/rules');
    expect(res.status).toBe(200);
    const noise = res.body.files.find((f: { key: string }) => f.key === 'noise');
    expect(noise).toMatchObject({ file: 'packs/noise.yaml', name: '噪声扰民', changedBy: null, version: null });
    expect(noise.rules).toBeGreaterThan(3);
    expect(res.body.files.map((f: { key: string }) => f.key)).toEqual(expect.arrayContaining(['exclusions', 'signals', 'urgency', 'traffic']));
  });

  it('checks a text as it is typed: each problem with its field and line', async () => {
    const bad = rules.noise().replace('weight: 0.75', 'weight: 高');
    const res = await admin.post('/api/admin/rules/noise/validate', { yaml: bad });
    expect(res.body.valid).toBe(false);
    expect(res.body.issues[0]).toMatchObject({ field: 'sub_items[0].rules[0].weight', line: 9, message: expect.stringMatching(/expected a number, received/) });
    expect(bad.slice(res.body.issues[0].from, res.body.issues[0].to)).toBe('高');
    const typo = await admin.post('/api/admin/rules/noise/validate', { yaml: rules.noise().replace('    name: 夜间施工噪声', '    nmae: 夜间施工噪声') });
    expect(typo.body.issues.map((i: { message: string }) => i.message).join()).toMatch(/unknown key "nmae" \(did you mean "name"\?\)/);
    expect((await admin.post('/api/admin/rules/noise/validate', { yaml: rules.noise() })).body).toEqual({ valid: true, issues: [] });
    expect((await admin.post('/api/admin/rules/noise/validate', { yaml: 'x', extra: 1 })).status).toBe(400);
    expect((await admin.get('/api/admin/rules/nope')).status).toBe(404);
  });

  it('tests an edit without activating it: before → after per labelled set, gained and lost posts', async () => {
    const res = await admin.post('/api/admin/rules/noise/test', { yaml: withPhrase(rules.noise()), posts: 100 });
    expect(res.status).toBe(200);
    const mini = res.body.sets.find((s: { set: string }) => s.set === 'mini');
    expect(mini).toMatchObject({ kind: 'labelled', posts: 3, gainedCount: 1, lostCount: 0, before: { recall: 0 }, after: { recall: 1, precision: 1, f1: 1 } });
    expect(mini.gained[0]).toMatchObject({ id: 'm1', text: `${HOSTILE}${PHRASE_TEXT}` });
    const stored = res.body.sets.find((s: { set: string }) => s.set === 'stored');
    expect(stored).toMatchObject({ kind: 'stored', posts: 2, gainedCount: 1, lostCount: 0, before: { leads: 0 }, after: { leads: 1 } });
    expect(isLead()).toBe(false); // nothing activated
    expect(ctx.db.prepare("SELECT action FROM audit_log WHERE entity = 'rule_file' AND entity_id = 'noise'").pluck().all()).toEqual(['test']);
  }, 60_000);

  it('refuses to test or activate what the engine cannot load (a duplicate rule id), naming the field', async () => {
    const dup = rules.noise().replace('id: machines_at_night', 'id: night_works');
    const res = await admin.post('/api/admin/rules/noise/test', { yaml: dup, posts: 10 });
    expect(res.status).toBe(400);
    expect(res.body.issues[0]).toMatchObject({ field: 'sub_items[0].rules[1].id', message: expect.stringMatching(/duplicate rule id "night_works"/) });
    const sha = (await admin.get('/api/admin/rules/noise')).body.sha;
    expect((await admin.post('/api/admin/rules/noise/activate', { yaml: dup, baseSha: sha })).status).toBe(400);
    expect((await admin.get('/api/admin/rules/noise')).body.versions).toEqual([]);
  }, 60_000);

  it('activates (atomic write, version with who and text, the holder picks it up), then rolls back', async () => {
    const open = (await admin.get('/api/admin/rules/noise')).body;
    const edited = withPhrase(open.yaml);
    const res = await admin.post('/api/admin/rules/noise/activate', { yaml: edited, baseSha: open.sha });
    expect(res.status).toBe(200);
    expect(res.body.version).toMatchObject({ file: 'packs/noise.yaml', version: 2, action: 'activate', actor_name: 'boss', yaml: edited });
    expect(rules.noise()).toBe(edited);
    holder.reloadIfChanged();
    expect(isLead()).toBe(true);
    expect((await admin.post('/api/admin/rules/noise/activate', { yaml: edited, baseSha: open.sha })).status).toBe(409);

    const detail = (await admin.get('/api/admin/rules/noise')).body;
    expect(detail.versions.map((v: { version: number; action: string }) => [v.version, v.action])).toEqual([[2, 'activate'], [1, 'import']]);
    const list = (await admin.get('/api/admin/rules')).body.files.find((f: { key: string }) => f.key === 'noise');
    expect(list).toMatchObject({ changedBy: 'boss', version: 2 });

    const back = await admin.post('/api/admin/rules/noise/versions/1/rollback', {});
    expect(back.body.version).toMatchObject({ version: 3, action: 'rollback', yaml: open.yaml });
    expect(rules.noise()).toBe(open.yaml);
    holder.reloadIfChanged();
    expect(isLead()).toBe(false);
    expect(ctx.db.prepare("SELECT action FROM audit_log WHERE entity = 'rule_file' AND entity_id = 'noise' ORDER BY id").pluck().all()).toEqual(['test', 'activate', 'rollback']);
  }, 60_000);

  it('is for admins only', async () => {
    expect((await verifier.get('/api/admin/rules')).status).toBe(403);
    expect((await verifier.post('/api/admin/rules/noise/test', { yaml: 'x' })).status).toBe(403);
  });
});
