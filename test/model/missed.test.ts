import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyVerdict, type Verdict } from '../../src/engine/verdict.js';
import { isMissedCandidate } from '../../src/leads/missed-sampler.js';
import { leadStepFor } from '../../src/leads/lead-step.js';
import { readLabelledFile } from '../../src/model/data/labelled-file.js';
import { decisionPosts } from '../../src/model/decisions.js';
import { encodeModel } from '../../src/model/model-file.js';
import { ModelStore } from '../../src/model/model-store.js';
import { PostPipeline } from '../../src/pipeline/post-pipeline.js';
import { storePosts } from '../../src/storage/posts.js';
import { insertLead } from '../helpers/lead-fixtures.js';
import { tempContext, type TempContext } from '../helpers/temp-context.js';
import { createUser, login, startApp, type Client, type RunningApp } from '../helpers/web-app.js';
import { smallFit } from './small-model.js';

const withModel = (p: number, decided: NonNullable<Verdict['evidence']>['decided_by'] = 'neither'): Verdict =>
  emptyVerdict('x', { evidence: { decided_by: decided, rules_lead: false, rules_score: 0, locality: 'none', model: { version: 'v', p_lead: p, p_urgent: 0, category: 'road', p_category: 0.5, for: [], against: [] } } });

describe('possibly missed: which posts', () => {
  const policy = { from: 0.2, dailyBudget: 10, sampleRate: 1 };
  it.each([
    ['in the band', withModel(0.3), true],
    ['below the band', withModel(0.1), false],
    ['blocked by an exclusion but plausible', withModel(0.9, 'exclusion'), true],
    ['placed in another city', withModel(0.9, 'outside'), false],
    ['a rules lead the model vetoed, however low its probability', withModel(0.01, 'model_veto'), true],
    ['no model evidence', emptyVerdict('x'), false],
    ['a lead', { ...withModel(0.9), is_lead: true }, false],
  ] as const)('%s → %s', (_n, v, expected) => {
    expect(isMissedCandidate(1, v, policy)).toBe(expected);
  });

  it('a sample rate takes the same posts every time, about that share', () => {
    const half = { ...policy, sampleRate: 0.5 };
    const taken = Array.from({ length: 2000 }, (_, i) => isMissedCandidate(i, withModel(0.3), half));
    expect(Array.from({ length: 2000 }, (_, i) => isMissedCandidate(i, withModel(0.3), half))).toEqual(taken);
    expect(taken.filter(Boolean).length).toBeGreaterThan(850);
    expect(taken.filter(Boolean).length).toBeLessThan(1150);
  });
});

describe('possibly missed: sampling in the pipeline, verifiers deciding, decisions as training data', () => {
  let ctx: TempContext;
  let app: RunningApp;
  let li: Client;

  beforeAll(async () => {
    ctx = tempContext({ missedFrom: 0, missedDailyBudget: 3 });
    const store = new ModelStore(ctx.config.dataDir);
    store.activate(store.save(encodeModel(smallFit().model), {}, {}), 'test');
    await createUser(ctx, 'li', 'verifier');
    app = await startApp(ctx);
    li = await login(app.baseUrl, 'li');
  });
  afterAll(async () => {
    await app?.close();
    ctx?.cleanup();
  });

  it('samples turned-down posts within the daily budget, once per post (a re-run adds nothing)', () => {
    const texts = ['今天天气真好', '周末去哪玩', '我家猫又胖了', '晚饭吃什么好', '刚看完一部电影', '这首歌好好听'];
    storePosts(ctx.db, texts.map((text, i) => ({ platform: 'weibo', platformPostId: `m${i}`, text, raw: '{}' })));
    const pipeline = new PostPipeline(ctx.db, [leadStepFor(ctx)]);
    pipeline.drain();
    const count = () => (ctx.db.prepare('SELECT count(*) AS n FROM missed_candidates').get() as { n: number }).n;
    expect(count()).toBe(3);
    ctx.db.prepare('UPDATE posts SET processed_at = NULL').run();
    pipeline.drain();
    expect(count()).toBe(3);
  });

  it('a verifier decides through the API: a lead enters the queue, a second decision is a conflict, bad input a clear 400', async () => {
    const page = await li.get('/api/missed');
    expect(page.status).toBe(200);
    expect(page.body.items).toHaveLength(3);
    expect(page.body.counts).toEqual({ open: 3, lead: 0, not_lead: 0 });
    const [a, b] = page.body.items;
    expect(a.evidence.model.p_lead).toBeGreaterThanOrEqual(0);

    expect((await li.post(`/api/missed/${a.id}/decision`, { is_lead: true })).body.error.message).toMatch(/请选择分类/);
    expect((await li.post(`/api/missed/${a.id}/decision`, { is_lead: 'yes' })).status).toBe(400);
    expect((await li.post(`/api/missed/${a.id}/decision`, { is_lead: true, category: 'nonsense' })).status).toBe(400);

    const decided = await li.post(`/api/missed/${a.id}/decision`, { is_lead: true, category: 'municipal', urgency: 'urgent' });
    expect(decided.status).toBe(200);
    expect(decided.body.leadId).toBeGreaterThan(0);
    const lead = await li.get(`/api/leads/${decided.body.leadId}`);
    expect(lead.body).toMatchObject({ status: 'new', category: 'municipal', urgency: 'urgent' });
    expect(lead.body.posts[0].id).toBe(a.postId);
    expect((await li.post(`/api/missed/${a.id}/decision`, { is_lead: false })).status).toBe(409);
    expect((await li.post(`/api/missed/${b.id}/decision`, { is_lead: false })).status).toBe(200);
    expect((await li.get('/api/missed')).body.counts).toEqual({ open: 1, lead: 1, not_lead: 1 });
    expect((await li.get('/api/missed/99999/decision')).status).toBe(404);
    expect((await li.post('/api/missed/99999/decision', { is_lead: false })).status).toBe(404);
  });

  it('verifier decisions become labelled examples: confirmed, rejected, and 可能遗漏 both ways', () => {
    insertLead(ctx.db, { posts: [{ text: '梅林路路灯一排都不亮' }], status: 'confirmed', category: 'municipal', urgency: 'normal', district: '福田区' });
    const rejected = insertLead(ctx.db, { posts: [{ text: '专业开锁换锁，电话联系' }], status: 'rejected' });
    ctx.db.prepare("UPDATE leads SET reject_reason = 'advertising' WHERE id = ?").run(rejected.leadId);
    insertLead(ctx.db, { posts: [{ text: '还没人看过的线索' }], status: 'new' });
    const examples = decisionPosts(ctx.db);
    const byText = new Map(examples.map((e) => [e.text, e.label]));
    expect(byText.get('梅林路路灯一排都不亮')).toMatchObject({ is_lead: true, category: 'municipal', district: '福田区' });
    expect(byText.get('专业开锁换锁，电话联系')).toMatchObject({ is_lead: false });
    expect(byText.has('还没人看过的线索')).toBe(false);
    // the 可能遗漏 decisions: one lead (still new in the queue), one not
    expect(examples.filter((e) => e.label.is_lead && e.label.category === 'municipal').length).toBe(2);
    expect(examples.filter((e) => !e.label.is_lead).length).toBe(2);
  });
});

describe('training data with broken lines', () => {
  it('reports file and line for bad JSON, unknown categories and missing labels, and keeps the good lines', () => {
    const file = path.join(process.env.TMPDIR ?? '/tmp', `broken-${process.pid}.jsonl`);
    const good = readFileSync(path.resolve('test/engine/fixtures/dev-posts.jsonl'), 'utf8').split('\n')[0];
    writeFileSync(file, [
      good,
      '{"id":"b1","text":"x"',
      JSON.stringify({ id: 'b2', text: '路灯坏了', label: { is_lead: true, category: 'lamps', urgency: 'normal', district: null, street: null } }),
      JSON.stringify({ id: 'b3', text: '没有标签' }),
      JSON.stringify({ id: 'b4', text: '缺分类', label: { is_lead: true, category: null, urgency: 'normal', district: null, street: null } }),
      '',
    ].join('\n'));
    const { posts, issues } = readLabelledFile(file);
    expect(posts).toHaveLength(1);
    expect(issues.map((i) => [i.line, i.file])).toEqual([[2, file], [3, file], [4, file], [5, file]]);
    expect(issues[0]!.message).toMatch(/not valid JSON/);
    expect(issues[1]!.message).toMatch(/label\.category.*received "lamps"/);
    expect(issues[2]!.message).toMatch(/field label/);
    expect(issues[3]!.message).toMatch(/a lead needs one of the 19 category codes/);
  });
});
