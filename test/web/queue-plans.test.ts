import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedQueueStore } from '../../bench/queue-seed.js';
import { parseKeywords } from '../../src/review/keyword-plan.js';
import { keywordStats } from '../../src/review/keyword-stats.js';
import { decodeCursor, keywordPage, listQueue, queueQuery } from '../../src/review/queue.js';
import { QUEUE_SORTS, queuePageSql, type QueueFilter } from '../../src/storage/lead-queue.js';
import { insertLead } from '../helpers/lead-fixtures.js';
import { tempContext, type TempContext } from '../helpers/temp-context.js';

/**
 * The keyword and filter plans are optimisations: on a seeded store, every plan (walk, match list,
 * bounded walk falling back to the match list) must return exactly what a straightforward
 * reference query returns, in the same order, across every page.
 */
let ctx: TempContext;
const NOW = '2026-11-22T00:00:00.000Z';

beforeAll(() => {
  ctx = tempContext();
  seedQueueStore(ctx.db, 6_000, 1_500, () => {});
  const at = '2026-10-25T00:00:00.000Z';
  // Rare terms, mixed-case Latin and a term at the very end of a text.
  insertLead(ctx.db, { posts: [{ text: '福田区梅林一村路面塌陷', platform: 'zhihu' }], category: 'road', district: '福田区', discoveredAt: at });
  insertLead(ctx.db, { posts: [{ text: '小区 WiFi 基站辐射 ABC' }, { text: '又见塌陷' }], category: 'noise', urgency: 'urgent', discoveredAt: at });
  insertLead(ctx.db, { posts: [{ text: 'abc 百分之百%_的噪音' }], status: 'confirmed', discoveredAt: at });
});
afterAll(() => ctx.cleanup());

type Filters = Omit<QueueFilter, 'limit' | 'now' | 'likePatterns' | 'ftsQuery' | 'after' | 'upTo'>;

/**
 * The definition, written plainly: every term in the search text (ASCII case-insensitive), in the
 * order's terms (urgency first; or heat, post time, discovery, newest first; ties by id).
 */
function reference(f: Filters, q = ''): number[] {
  const terms = q.split(/[\s\u3000]+/u).filter(Boolean);
  const order = {
    urgency: "l.urgency = 'normal', l.score DESC, l.heat DESC, l.discovered_at, l.id",
    heat: 'l.heat DESC, l.id DESC',
    posted: 'coalesce(l.posted_at, l.discovered_at) DESC, l.id DESC',
    discovered: 'l.discovered_at DESC, l.id DESC',
  }[f.sort ?? 'urgency'];
  const rows = ctx.db
    .prepare(
      `SELECT l.id, s.body,
         (SELECT group_concat(p.platform) FROM lead_posts lp JOIN posts p ON p.id = lp.post_id WHERE lp.lead_id = l.id) AS platforms
       FROM leads l JOIN lead_text s ON s.lead_id = l.id
       WHERE l.status = ? AND (? IS NULL OR l.category = ?) AND (? IS NULL OR l.district = ?)
         AND (? IS NULL OR l.discovered_at >= ?) AND (? IS NULL OR l.discovered_at < ?) AND (? IS NULL OR l.urgency = ?)
       ORDER BY ${order}`,
    )
    .all(f.status, f.category ?? null, f.category ?? null, f.district ?? null, f.district ?? null, f.from ?? null, f.from ?? null, f.to ?? null, f.to ?? null, f.urgency ?? null, f.urgency ?? null) as {
    id: number;
    body: string;
    platforms: string | null;
  }[];
  const lower = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());
  return rows
    .filter((r) => !f.platform || (r.platforms ?? '').split(',').includes(f.platform))
    .filter((r) => terms.every((t) => lower(r.body).includes(lower(t))))
    .map((r) => r.id);
}

/** Every page through the public entry point (plan chosen by the planner), following cursors. */
function allPages(f: Filters, q: string, limit: number): number[] {
  const ids: number[] = [];
  let after: string | undefined;
  do {
    const page = listQueue(ctx.db, queueQuery.parse({ ...f, q: q || undefined, after, limit }));
    ids.push(...page.items.map((i) => i.id));
    after = page.nextCursor ?? undefined;
  } while (after);
  return ids;
}

/** Every page with a forced plan. */
function allPagesForced(f: Filters, q: string, limit: number, force: { walk: boolean; budget?: number }): number[] {
  const stats = keywordStats(ctx.db);
  const kw = parseKeywords(q, stats, stats.total);
  if (!kw) return [];
  const ids: number[] = [];
  let after: string | undefined;
  for (;;) {
    const rows = keywordPage(ctx.db, { ...f, after, limit: limit + 1, now: NOW }, kw, stats.total, force);
    ids.push(...rows.slice(0, limit).map((r) => r.id));
    if (rows.length <= limit) return ids;
    after = rows[limit - 1]!.sort_key;
  }
}

const FILTERS: [string, Filters][] = [
  ['pending', { status: 'new' }],
  ['confirmed', { status: 'confirmed' }],
  ['category+district', { status: 'new', category: 'noise', district: '南山区' }],
  ['category', { status: 'new', category: 'road' }],
  ['district', { status: 'new', district: '福田区' }],
  ['platform', { status: 'new', platform: 'zhihu' }],
  ['time range', { status: 'new', from: '2026-10-25T00:00:00.000Z', to: '2026-11-01T00:00:00.000Z' }],
  ['everything', { status: 'new', category: 'sanitation', district: '宝安区', platform: 'weibo', from: '2026-10-22T00:00:00.000Z' }],
  ['urgent only', { status: 'new', urgency: 'urgent' }],
  ['normal, one district', { status: 'new', urgency: 'normal', district: '福田区' }],
  ['hottest first', { status: 'new', sort: 'heat' }],
  ['latest post first, one category', { status: 'new', sort: 'posted', category: 'road' }],
  ['newest found first, urgent, platform', { status: 'new', sort: 'discovered', urgency: 'urgent', platform: 'weibo' }],
  ['latest post first, confirmed', { status: 'confirmed', sort: 'posted' }],
];
const TERMS = [
  '', // no keyword
  '噪音扰民', // common, 4 chars
  '华强北', // common, 3 chars (one trigram)
  '塌陷', // rare, 2 chars (trigram expansion), also at the very end of a text
  '梅林一村路面', // rare phrase
  '噪音', // common, 2 chars
  '大', // 1 char
  'abc', // ASCII, matches ABC and abc
  'wifi 基站', // two terms
  '深南大道　漏水', // two common terms, ideographic space
  '%_', // LIKE wildcards are literal
  '不存在的词语', // nothing
];

describe('queue plans return what the reference query returns', () => {
  it.each(FILTERS)('%s: every term, every plan, every page', (_name, f) => {
    for (const q of TERMS) {
      const expected = reference(f, q);
      expect(allPages(f, q, 7), `planner, q=${q}`).toEqual(expected);
      if (!q) continue;
      expect(allPagesForced(f, q, 7, { walk: true }), `walk, q=${q}`).toEqual(expected);
      expect(allPagesForced(f, q, 7, { walk: false }), `match list, q=${q}`).toEqual(expected);
      expect(allPagesForced(f, q, 7, { walk: true, budget: 5 }), `bounded walk then match list, q=${q}`).toEqual(expected);
    }
  });

  it('the seeded store has common and rare terms (the comparison is not vacuous)', () => {
    expect(reference({ status: 'new' }, '噪音扰民').length).toBeGreaterThan(30);
    expect(reference({ status: 'new' }, '塌陷').length).toBe(2);
    expect(reference({ status: 'new' }, 'abc').length).toBe(1);
    expect(reference({ status: 'confirmed' }, 'ABC').length).toBeGreaterThanOrEqual(1);
    expect(reference({ status: 'new', category: 'noise', district: '南山区' }).length).toBeGreaterThan(7);
  });

  it('the orders differ on the seeded store, and posted_at is the earliest post (so the comparisons mean something)', () => {
    const heads = (Object.keys(QUEUE_SORTS) as (keyof typeof QUEUE_SORTS)[]).map((sort) => reference({ status: 'new', sort }).slice(0, 20).join());
    expect(new Set(heads).size).toBe(heads.length);
    const wrong = ctx.db.prepare(
      `SELECT count(*) FROM leads l WHERE l.posted_at IS NOT (SELECT min(p.published_at) FROM lead_posts lp JOIN posts p ON p.id = lp.post_id WHERE lp.lead_id = l.id)`,
    ).pluck().get();
    expect(wrong).toBe(0);
  });

  it('a cursor continues only its own order', () => {
    const first = listQueue(ctx.db, queueQuery.parse({ limit: 5, sort: 'heat' }));
    expect(() => listQueue(ctx.db, queueQuery.parse({ limit: 5, sort: 'posted', after: first.nextCursor! }))).toThrow(/另一种排序/);
  });

  it('a deep cursor resumes exactly where the previous page ended', () => {
    const expected = reference({ status: 'new' });
    const first = listQueue(ctx.db, queueQuery.parse({ limit: 200 }));
    const second = listQueue(ctx.db, queueQuery.parse({ limit: 200, after: first.nextCursor! }));
    expect(second.items.map((i) => i.id)).toEqual(expected.slice(200, 400));
    expect(decodeCursor(first.nextCursor!, 'urgency')).toMatch(/^1/);
  });
});

describe('query plans', () => {
  const plan = (f: QueueFilter) => {
    const { sql, params } = queuePageSql(f);
    return (ctx.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map((r) => r.detail);
  };
  const base: QueueFilter = { status: 'new', limit: 51, now: NOW };

  const cases: [string, Partial<QueueFilter>, string][] = [
    ['no filter', {}, 'leads_review_queue'],
    ['category', { category: 'noise' }, 'leads_review_category'],
    ['district', { district: '南山区' }, 'leads_review_district'],
    ['category+district', { category: 'noise', district: '南山区' }, 'leads_review_category_district'],
    ['platform', { platform: 'weibo' }, 'leads_review_queue'],
    ['keyword walk', { likePatterns: ['%噪音%'] }, 'leads_review_queue'],
    ['urgent', { urgency: 'urgent' }, 'leads_review_queue'],
    ['hottest first', { sort: 'heat' }, 'leads_sort_heat'],
    ['latest post first', { sort: 'posted', category: 'noise' }, 'leads_sort_posted'],
    ['newest found first', { sort: 'discovered' }, 'leads_sort_discovered'],
  ];
  it.each(cases)('%s walks %s in queue order (no sort, no scan)', (_n, f, index) => {
    const steps = plan({ ...base, ...f });
    expect(steps[0]).toMatch(new RegExp(`^SEARCH l USING INDEX ${index} \\(status=\\?`));
    expect(steps.join('\n')).not.toMatch(/TEMP B-TREE FOR ORDER BY|^SCAN (l|lp|p)\b/m);
    if ('platform' in f) expect(steps).toContain('SEARCH lp USING COVERING INDEX lead_posts_lead (lead_id=?)');
    if ('likePatterns' in f) expect(steps).toContain('SEARCH lead_text USING INTEGER PRIMARY KEY (rowid=?)'); // the text by primary key, not through the full-text table
  });

  it('the match-list plan starts from the FTS matches and sorts only them', () => {
    const steps = plan({ ...base, likePatterns: ['%塌陷%'], ftsQuery: '"塌陷"' });
    expect(steps.slice(0, 3)).toEqual(['CO-ROUTINE m', expect.stringMatching(/^SCAN s VIRTUAL TABLE INDEX \d+:M/), 'SEARCH l USING INTEGER PRIMARY KEY (rowid=?)']);
  });
});

describe('the full-text index follows lead_text', () => {
  it('after filing, edits, moves and removals, the index lists exactly what lead_text holds', () => {
    const db = ctx.db;
    const [a, b] = db.prepare('SELECT lead_id FROM lead_posts GROUP BY lead_id HAVING count(*) >= 2 LIMIT 2').pluck().all() as number[];
    const post = db.prepare('SELECT post_id FROM lead_posts WHERE lead_id = ? LIMIT 1').pluck().get(a) as number;
    db.prepare('UPDATE lead_posts SET lead_id = ? WHERE post_id = ?').run(b, post); // move (merge)
    db.prepare("UPDATE leads SET summary = 'WiFi 塌陷 edited' WHERE id = ?").run(a); // edit
    db.prepare('DELETE FROM lead_posts WHERE post_id = (SELECT post_id FROM lead_posts WHERE lead_id = ? LIMIT 1)').run(b); // removal
    // 'integrity-check' with rank 1 compares the index with the content table (throws on a difference).
    expect(() => db.prepare("INSERT INTO lead_search (lead_search, rank) VALUES ('integrity-check', 1)").run()).not.toThrow();
    expect(reference({ status: 'new' }, 'wifi 塌陷').length + reference({ status: 'confirmed' }, 'wifi 塌陷').length + reference({ status: 'rejected' }, 'wifi 塌陷').length + reference({ status: 'merged' }, 'wifi 塌陷').length).toBeGreaterThanOrEqual(1);
    expect(allPagesForced({ status: 'new' }, 'wifi 塌陷', 7, { walk: false })).toEqual(reference({ status: 'new' }, 'wifi 塌陷'));
  });
});
