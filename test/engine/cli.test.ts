import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { storePosts } from '../../src/storage/posts.js';
import { tempContext } from '../helpers/temp-context.js';
import { runCli } from '../helpers/cli-process.js';

const run = (args: string[], input?: string, env: Record<string, string> = {}) => runCli(args, input, env);

// Each spawn starts the whole CLI (every command's imports): slow on a busy machine.
describe('classify and eval as real processes', { timeout: 180_000 }, () => {
  it('classify: one verdict per line, in input order, errors inline', async () => {
    const lines = [
      JSON.stringify({ id: 'p1', text: '福田区有个井盖不见了，好危险' }),
      'not json at all',
      '',
      JSON.stringify({ id: 'p2', text: '今天天气真好' }),
      JSON.stringify({ id: 'p3' }),
      JSON.stringify({ id: 'p4', text: '廣州天河嘅路面塌咗一個大坑' }),
    ];
    const { code, stdout } = await run(['classify'], lines.join('\n') + '\n');
    expect(code).toBe(0);
    const verdicts = stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(verdicts.map((v) => v.id)).toEqual(['p1', 'line:2', 'p2', 'p3', 'p4']);
    expect(verdicts[0]).toMatchObject({ is_lead: true, category: 'municipal', urgency: 'urgent', district: '福田区' });
    expect(verdicts[1].error).toMatch(/not valid JSON/);
    expect(verdicts[2]).toMatchObject({ is_lead: false, category: null, district: null });
    expect(verdicts[3].error).toMatch(/text/);
    expect(verdicts[4].is_lead).toBe(false);
    for (const v of verdicts) expect(Object.keys(v)).toEqual(expect.arrayContaining(['id', 'is_lead', 'category', 'urgency', 'district', 'street', 'place', 'score', 'matched']));
  });

  it('classify streams many lines in order', async () => {
    const dev = readFileSync(path.resolve('test/engine/fixtures/dev-posts.jsonl'), 'utf8').split('\n').filter(Boolean);
    const input: string[] = [];
    for (let i = 0; i < 20; i++) for (const l of dev) input.push(JSON.stringify({ ...JSON.parse(l), id: `${JSON.parse(l).id}-${i}` }));
    const { code, stdout } = await run(['classify'], input.join('\n'));
    expect(code).toBe(0);
    const ids = stdout.trim().split('\n').map((l) => JSON.parse(l).id);
    expect(ids).toEqual(input.map((l) => JSON.parse(l).id));
  });

  it('eval --json reports the metrics', async () => {
    const { code, stdout } = await run(['eval', '--json', path.resolve('test/engine/fixtures/own-posts.jsonl')]);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.posts).toBeGreaterThanOrEqual(60);
    expect(report.leads.f1).toBeGreaterThanOrEqual(0.9);
    expect(report).toHaveProperty('confusion');
    expect(Array.isArray(report.misclassified)).toBe(true);
  });

  it('eval prints a readable report and fails clearly on a missing file', async () => {
    const ok = await run(['eval', path.resolve('test/engine/fixtures/dev-posts.jsonl')]);
    expect(ok.stdout).toMatch(/precision .* recall .* F1/);
    expect(ok.stdout).toMatch(/confusion/);
    const missing = await run(['eval', '/nonexistent.jsonl']);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/file not found/);
  });

  it('every command has --help', async () => {
    for (const cmd of ['classify', 'eval', 'reclassify']) {
      const { code, stdout } = await run([cmd, '--help']);
      expect(code).toBe(0);
      expect(stdout).toMatch(/Usage/);
    }
  });

  it('reclassify files stored posts with progress on stderr, and a second run duplicates nothing', async () => {
    const ctx = tempContext();
    try {
      storePosts(ctx.db, [
        { platform: 'weibo', platformPostId: '1', text: '宝安西乡这边井盖不见了，好危险', raw: '{}' },
        { platform: 'weibo', platformPostId: '2', text: '今天天气不错', raw: '{}' },
      ]);
      ctx.db.close();
      const env = { DATA_DIR: ctx.dir, SCHEDULER: 'false' };
      const first = await run(['reclassify'], '', env);
      expect(first.code).toBe(0);
      expect(first.stderr).toMatch(/reclassify: 2\/2 posts \(100%\)/);
      expect(JSON.parse(first.stdout)).toMatchObject({ total: 2, created: 1 });
      const second = await run(['reclassify'], '', env);
      expect(JSON.parse(second.stdout)).toMatchObject({ created: 0, joined: 0 });
    } finally {
      ctx.cleanup();
    }
  }, 240_000);
});
