import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedQueueStore } from '../../bench/queue-seed.js';
import { listQueue, queueQuery } from '../../src/review/queue.js';
import { ReaderPool } from '../../src/threads/readers/reader-pool.js';
import { ValidationError } from '../../src/errors.js';
import { insertLead } from '../helpers/lead-fixtures.js';
import { tempContext, type TempContext } from '../helpers/temp-context.js';

/** Reads on a reader thread are the reads the web thread would make itself: queue pages, and a thread that dies. */
let ctx: TempContext;
let readers: ReaderPool;
const list = (query: ReturnType<typeof q>, categoryNames: Record<string, string>, now = new Date()) => readers.run('queuePage', { query, categoryNames, now: now.toISOString() });
const NOW = new Date('2026-11-22T00:00:00Z');
const q = (input: Record<string, unknown>) => queueQuery.parse(input);

beforeAll(() => {
  ctx = tempContext({ queueReaders: 1 });
  seedQueueStore(ctx.db, 3_000, 800, () => {});
  readers = new ReaderPool(ctx, 'queue', 1);
});
afterAll(async () => {
  await readers.close();
  ctx.cleanup();
});

describe('queue readers', () => {
  it.each([
    ['first page', {}],
    ['hottest, one category', { sort: 'heat', category: 'noise' }],
    ['keyword', { q: '噪音' }],
    ['two terms, urgent', { q: '华强北 噪音', urgency: 'urgent' }],
    ['confirmed, latest post', { status: 'confirmed', sort: 'posted', limit: 7 }],
  ])('%s: the same page as inline, and the same next page', async (_name, input) => {
    const inline = listQueue(ctx.db, q(input), {}, NOW);
    const threaded = await list(q(input), {}, NOW);
    expect(threaded).toEqual(inline);
    if (inline.nextCursor) expect(await list(q({ ...input, after: inline.nextCursor }), {}, NOW)).toEqual(listQueue(ctx.db, q({ ...input, after: inline.nextCursor }), {}, NOW));
  });

  it('sees a lead the web thread has just committed', async () => {
    const { leadId } = insertLead(ctx.db, { posts: [{ text: '刚刚提交的独特关键词甲乙丙' }], urgency: 'urgent', score: 1 });
    const page = await list(q({ q: '独特关键词甲乙丙' }), {});
    expect(page.items.map((i) => i.id)).toEqual([leadId]);
  });

  it('answers a bad cursor with the same 400 as inline (the field named)', async () => {
    const err = await list(q({ after: 'bm9wZQ' }), {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect(err).toMatchObject({ field: 'query.after' });
  });

  it('a reader thread that dies: waiting and later requests are listed inline', async () => {
    const waiting = list(q({ q: '漏水' }), {}, NOW);
    await (readers as unknown as { workers: { terminate(): Promise<number> }[] }).workers[0]!.terminate();
    expect(await waiting).toEqual(listQueue(ctx.db, q({ q: '漏水' }), {}, NOW));
    expect(await list(q({ sort: 'discovered' }), {}, NOW)).toEqual(listQueue(ctx.db, q({ sort: 'discovered' }), {}, NOW));
  });
});
