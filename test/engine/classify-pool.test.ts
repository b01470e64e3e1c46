import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { classifyPooled } from '../../src/engine/classify-pool/pooled-stream.js';
import { loadEngine } from '../../src/engine/engine.js';
import { loadShippedModel } from '../../src/model/model-holder.js';

const rulesDir = path.resolve('rules');
const engine = loadEngine(rulesDir, { city: '深圳' });
const model = loadShippedModel(rulesDir);

async function run(lines: string[], workers: number, batchLines: number): Promise<{ out: string; stats: { lines: number; leads: number; errors: number } }> {
  const output = new PassThrough();
  let out = '';
  output.on('data', (d) => (out += d));
  const stats = await classifyPooled(Readable.from([lines.join('\n') + '\n']), output, { engine, model, rulesDir, city: '深圳', workers, batchLines });
  return { out, stats };
}

describe('classify on several worker threads', { timeout: 120_000 }, () => {
  const posts = readFileSync(path.resolve('test/engine/fixtures/generalise-posts.jsonl'), 'utf8').split('\n').filter(Boolean);
  const lines = Array.from({ length: 3000 }, (_, i) => (i % 401 === 7 ? 'not json' : i % 503 === 11 ? '' : JSON.stringify({ ...JSON.parse(posts[i % posts.length]!), id: `p${i}` })));

  it('gives exactly the single-thread output, in input order, bad lines inline', async () => {
    const one = await run(lines, 1, 250);
    const pooled = await run(lines, 2, 250);
    expect(pooled.out).toBe(one.out);
    expect(pooled.stats).toEqual(one.stats);
    const verdicts = pooled.out.trim().split('\n').map((l) => JSON.parse(l));
    expect(verdicts.length).toBe(lines.filter((l) => l.trim()).length);
    expect(verdicts[0].id).toBe('p0');
    expect(verdicts.at(-1).id).toBe('p2999');
    expect(pooled.stats.errors).toBe(verdicts.filter((v) => v.error).length);
    expect(pooled.stats.errors).toBeGreaterThan(0);
    expect(verdicts.find((v) => v.error)?.error).toMatch(/line \d+: not valid JSON/);
  });

  it('a short input stays on this thread and still answers every line', async () => {
    const { out, stats } = await run(lines.slice(0, 20), 2, 1000);
    expect(out.trim().split('\n')).toHaveLength(lines.slice(0, 20).filter((l) => l.trim()).length);
    expect(stats.lines).toBe(out.trim().split('\n').length);
  });
});
