import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { auditTrail } from '../../src/audit/audit-log.js';
import { loadEngine, type Engine } from '../../src/engine/engine.js';
import { reclassify } from '../../src/leads/reclassify.js';
import { storePosts, type NewPost } from '../../src/storage/posts.js';
import { tempContext, type TempContext } from '../helpers/temp-context.js';

let engine: Engine;
let ctx: TempContext;
let seq = 0;
beforeAll(() => {
  engine = loadEngine(path.resolve('rules'), { city: '深圳' });
});
beforeEach(() => {
  ctx = tempContext();
});
afterEach(() => ctx.cleanup());

const post = (text: string): NewPost => ({ platform: 'weibo', platformPostId: `r${++seq}`, text, raw: '{}' });
const leads = () => ctx.db.prepare('SELECT * FROM leads ORDER BY id').all() as Record<string, any>[];

describe('reclassify', () => {
  it('files posts stored before the rules knew them, and running twice duplicates nothing', () => {
    storePosts(ctx.db, [post('福田区梅林这边路灯坏了一个月了，晚上黑漆漆'), post('今天吃了顿好的'), post('福田区梅林这边路灯坏了一个月了，晚上黑漆漆！！')]);
    const progress: number[] = [];
    const first = reclassify(ctx.db, engine, (s) => progress.push(s.done), 2);
    expect(first).toMatchObject({ total: 3, done: 3, created: 1, joined: 1, errors: 0 });
    expect(progress).toEqual([2, 3]);
    const second = reclassify(ctx.db, engine);
    expect(second).toMatchObject({ created: 0, joined: 0, updated: 0 });
    expect(leads()).toHaveLength(1);
    expect(leads()[0]!.post_count).toBe(2);
    expect(ctx.db.prepare('SELECT count(*) FROM lead_posts').pluck().get()).toBe(2);
  });

  it('refreshes a new lead from new rules but never a field a reviewer edited', () => {
    storePosts(ctx.db, [post('宝安西乡街道有个井盖不见了，就剩一个黑洞')]);
    reclassify(ctx.db, engine);
    // As if older rules had got it wrong, and a reviewer had set the place by hand.
    ctx.db.prepare(`UPDATE leads SET category = 'road', sub_item = 'road.pothole', district = NULL, street = NULL, place = '人工填写', edited_fields = '["place"]'`).run();
    const before = leads()[0]!;
    const stats = reclassify(ctx.db, engine);
    expect(stats.updated).toBe(1);
    const after = leads()[0]!;
    expect(after).toMatchObject({ category: 'municipal', sub_item: 'municipal.manhole', district: '宝安区', street: '西乡街道', place: '人工填写', status: 'new' });
    expect(after.version).toBe(before.version + 1);
    const audit = auditTrail(ctx.db, 'lead', after.id).at(-1)!;
    expect(audit).toMatchObject({ actor: 'system', action: 'reclassified' });
    expect(audit.before).toMatchObject({ category: 'road', district: null });
    expect(audit.after).not.toHaveProperty('place');
  });

  it('leaves reviewed leads exactly as they are', () => {
    storePosts(ctx.db, [post('南山区蛇口这边的垃圾堆了一个星期没人清，臭气熏天'), post('龙岗布吉这边停水两天了')]);
    reclassify(ctx.db, engine);
    ctx.db.prepare(`UPDATE leads SET status = 'confirmed', category = 'other' WHERE id = 1`).run();
    ctx.db.prepare(`UPDATE leads SET status = 'rejected', reject_reason = 'not_civic', urgency = 'normal' WHERE id = 2`).run();
    const before = leads();
    const stats = reclassify(ctx.db, engine);
    expect(stats.keptReviewed).toBe(2);
    expect(leads()).toEqual(before);
  });
});
