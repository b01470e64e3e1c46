import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { auditTrail } from '../../src/audit/audit-log.js';
import { EngineHolder } from '../../src/engine/engine-holder.js';
import { heat } from '../../src/leads/heat.js';
import { leadStep } from '../../src/leads/lead-step.js';
import { createLogger } from '../../src/log.js';
import { PostPipeline } from '../../src/pipeline/post-pipeline.js';
import { pipelineSteps } from '../../src/pipeline/steps.js';
import { storePosts, type NewPost } from '../../src/storage/posts.js';
import { tempContext, type TempContext } from '../helpers/temp-context.js';

let holder: EngineHolder;
let ctx: TempContext;
let seq = 0;
beforeAll(() => {
  holder = new EngineHolder(path.resolve('rules'), { city: '深圳' });
});
beforeEach(() => {
  ctx = tempContext();
});
afterEach(() => ctx.cleanup());

const post = (text: string, extra: Partial<NewPost> = {}): NewPost => ({ platform: 'weibo', platformPostId: `p${++seq}`, text, raw: '{}', ...extra });
function ingest(posts: NewPost[], at = '2026-11-21T08:00:00.000Z') {
  const { newIds } = storePosts(ctx.db, posts, at);
  new PostPipeline(ctx.db, [leadStep(holder, ctx.log)]).drain();
  return newIds;
}
const leads = () => ctx.db.prepare('SELECT * FROM leads ORDER BY id').all() as Record<string, any>[];
const links = () => ctx.db.prepare('SELECT * FROM lead_posts ORDER BY post_id').all() as Record<string, any>[];

describe('filing leads from the pipeline', () => {
  it('the registered pipeline steps include the lead step', () => {
    expect(pipelineSteps(ctx).map((s) => s.name)).toContain('leads');
  });

  it('files a lead with rules, spans into the stored text, fingerprint, summary, change_log and audit', () => {
    const text = '#深圳身边事# 福田区梅林路人行道上的井蓋唔見咗😱 好危险，快来人';
    const [id] = ingest([post(text), post('今天天气真好，去公园散步')], '2026-11-21T09:30:00.000Z');
    const [lead] = leads();
    expect(leads()).toHaveLength(1);
    expect(lead).toMatchObject({ status: 'new', category: 'municipal', sub_item: 'municipal.manhole', urgency: 'urgent', district: '福田区', post_count: 1, discovered_at: '2026-11-21T09:30:00.000Z', last_post_at: '2026-11-21T09:30:00.000Z', version: 1 });
    expect(lead!.fingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(lead!.summary).toContain('井蓋');
    expect(JSON.parse(lead!.matched)).toContain('municipal.manhole.manhole_missing');
    const spans = JSON.parse(lead!.spans) as { post_id: number; start: number; end: number; rule: string }[];
    const manhole = spans.find((s) => s.rule === 'municipal.manhole.manhole_missing')!;
    expect(manhole.post_id).toBe(id);
    expect(text.slice(manhole.start, manhole.end)).toMatch(/井蓋|唔見/);
    expect(links()).toEqual([expect.objectContaining({ lead_id: lead!.id, post_id: id })]);
    expect(ctx.db.prepare("SELECT count(*) FROM change_log WHERE entity = 'lead' AND entity_id = ?").pluck().get(lead!.id)).toBe(1);
    expect(auditTrail(ctx.db, 'lead', lead!.id)).toEqual([expect.objectContaining({ actor: 'system', action: 'created' })]);
  });

  it('spans skip a title and point into the text', () => {
    const text = '小区门口井盖不见了，晚上很危险';
    ingest([post(text, { title: '求助：井盖问题' })]);
    const spans = JSON.parse(leads()[0]!.spans) as { start: number; end: number; rule: string }[];
    expect(spans.length).toBeGreaterThan(0);
    for (const s of spans) expect(s.start).toBeGreaterThanOrEqual(0);
    expect(spans.map((s) => text.slice(s.start, s.end))).toContain('井盖');
  });

  it('a repost on another platform joins the lead; post_count and heat rise', () => {
    const text = '南山区科苑路有个井盖不见了，就剩一个黑洞，大家注意安全！';
    ingest([post(text, { likes: 3 })]);
    const before = leads()[0]!;
    ingest([post(`转发 ${text}`, { platform: 'douyin', likes: 500, shares: 40 })], '2026-11-21T10:00:00.000Z');
    const after = leads();
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ post_count: 2, last_post_at: '2026-11-21T10:00:00.000Z', discovered_at: before.discovered_at, version: 2 });
    expect(after[0]!.heat).toBeGreaterThan(before.heat + 1);
    expect(links()[1]!.similarity).toBeGreaterThan(0.85);
    expect(auditTrail(ctx.db, 'lead', before.id).at(-1)!.after).toMatchObject({ reason: 'near_duplicate' });
    expect(auditTrail(ctx.db, 'lead', before.id).map((a) => a.action)).toEqual(['created', 'post_added']);
  });

  it('a viral incident: hundreds of reposts join one lead; its count and heat are the sums over its posts', () => {
    const text = '南山区科苑路有个井盖不见了，就剩一个黑洞，大家注意安全！';
    const reposts = Array.from({ length: 400 }, (_, i) => post(`转发 ${text} ${i}`, { likes: i % 7, shares: i % 3 }));
    for (let i = 0; i < reposts.length; i += 100) ingest(reposts.slice(i, i + 100));
    const [lead] = leads();
    expect(leads()).toHaveLength(1);
    expect(lead!.post_count).toBe(400);
    // heat grows by each joining post's own term (the lead's posts are not re-read per join)
    expect(lead!.heat).toBeCloseTo(heat(reposts.map((p) => ({ likes: p.likes ?? null, comments: null, shares: p.shares ?? null }))), 0);
    // its search text stops growing (re-indexing an ever longer text on every join was quadratic)
    const body = ctx.db.prepare('SELECT body FROM lead_text WHERE lead_id = ?').pluck().get(lead!.id) as string;
    expect(body.length).toBeLessThanOrEqual(6000);
    expect(body).toContain('科苑路');
  });

  it('a different post about the same incident (category + place, within 48 h) joins; later or elsewhere does not', () => {
    ingest([post('西乡街道宝安大道西乡段的人行道地砖翘起来一大片，踩一脚泥水')], '2026-11-20T08:00:00.000Z');
    ingest([post('宝安大道西乡段的人行道太烂了，砖都松了，老人差点绊倒')], '2026-11-21T08:00:00.000Z');
    expect(leads()).toHaveLength(1);
    expect(leads()[0]!.post_count).toBe(2);
    ingest([post('宝安大道西乡段的人行道地砖又翘起来了，砖松动')], '2026-11-25T08:00:00.000Z');
    ingest([post('南山区科技园的人行道地砖破损严重，好多砖都碎了')], '2026-11-25T09:00:00.000Z');
    expect(leads()).toHaveLength(3);
  });

  it('a rejected lead takes reposts but not new reports of the incident', () => {
    const text = '龙华民治这边楼下烧烤店油烟直排，熏得窗户都不敢开';
    ingest([post(text)]);
    ctx.db.prepare("UPDATE leads SET status = 'rejected', reject_reason = 'not_civic'").run();
    ingest([post(text, { platform: 'tieba' })], '2026-11-21T09:00:00.000Z');
    expect(leads()).toHaveLength(1);
    expect(leads()[0]).toMatchObject({ status: 'rejected', post_count: 2 });
    ingest([post('民治这边那家烧烤店油烟直排，排风管正对着住户窗户，一直没人管')], '2026-11-21T10:00:00.000Z');
    expect(leads()).toHaveLength(2);
    expect(leads()[1]!.status).toBe('new');
  });

  it('a post about a merged lead joins the lead it was merged into', () => {
    const text = '罗湖东门老街的流动摊贩占满了整条路，晚上根本走不过去';
    ingest([post(text), post('坪山区停水三天了，也没有通知')]);
    const [a, b] = leads();
    ctx.db.prepare("UPDATE leads SET status = 'merged', merged_into = ? WHERE id = ?").run(b!.id, a!.id);
    ingest([post(text, { platform: 'tieba' })], '2026-11-21T09:00:00.000Z');
    expect(leads()).toHaveLength(2);
    expect(links().at(-1)!.lead_id).toBe(b!.id);
  });

  it('running again never duplicates: a post is in at most one lead', () => {
    const [id] = ingest([post('观澜这边停水三天了，也没有通知，靠矿泉水刷牙')]);
    ctx.db.prepare('UPDATE posts SET processed_at = NULL').run();
    new PostPipeline(ctx.db, [leadStep(holder, ctx.log)]).drain();
    expect(leads()).toHaveLength(1);
    expect(links().filter((l) => l.post_id === id)).toHaveLength(1);
  });

  it('one failing post is logged and skipped; the others are filed and all are marked processed', () => {
    let calls = 0;
    const flaky = {
      reloadIfChanged() {},
      get current() {
        if (++calls === 1) throw new Error('boom');
        return holder.current;
      },
    } as unknown as EngineHolder;
    storePosts(ctx.db, [post('横岗这边停电八个小时了，没有任何通知'), post('平湖这边停水两天了，水龙头一滴水都没有')]);
    new PostPipeline(ctx.db, [leadStep(flaky, createLogger('silent'))]).drain();
    expect(leads()).toHaveLength(1);
    expect(ctx.db.prepare('SELECT count(*) FROM posts WHERE processed_at IS NULL').pluck().get()).toBe(0);
  });
});
