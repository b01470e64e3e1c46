import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli-process.js';

let dir: string;
let env: Record<string, string>;

const run = (args: string[], input = '') => runCli(args, input, env);

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'civic-train-cli-'));
  const good = path.join(dir, 'good');
  mkdirSync(good);
  for (const f of ['dev-posts.jsonl', 'own-posts.jsonl', 'blind-a-posts.jsonl']) copyFileSync(path.resolve('test/engine/fixtures', f), path.join(good, f));
  // a training set whose labels are flipped: its model must fail the gate
  const bad = path.join(dir, 'bad');
  mkdirSync(bad);
  for (const f of ['dev-posts.jsonl', 'own-posts.jsonl', 'blind-a-posts.jsonl']) {
    const lines = readFileSync(path.resolve('test/engine/fixtures', f), 'utf8').split('\n').filter(Boolean).map((l) => {
      const p = JSON.parse(l);
      p.label = p.label.is_lead
        ? { is_lead: false, category: null, urgency: null, district: null, street: null, place: null }
        : { is_lead: true, category: 'other', urgency: 'normal', district: null, street: null, place: null };
      return JSON.stringify(p);
    });
    writeFileSync(path.join(bad, f), `${lines.join('\n')}\n`);
  }
  writeFileSync(path.join(good, 'zz-broken.jsonl'), '{"id":"x1","text":"坏行"\n' + JSON.stringify({ id: 'x2', text: '路灯坏了', label: { is_lead: true, category: 'lamps', urgency: 'normal', district: null, street: null } }) + '\n');
  // the rules without the shipped model, so the first candidate has nothing to be gated against
  const rules = path.join(dir, 'rules');
  cpSync(path.resolve('rules'), rules, { recursive: true });
  rmSync(path.join(rules, 'model'), { recursive: true, force: true });
  rmSync(path.join(rules, 'corpus'), { recursive: true, force: true });
  env = { DATA_DIR: path.join(dir, 'data'), TRAINING_DIRS: good, REAL_TEXT_DIR: path.join(dir, 'no-real-text'), RULES_DIR: rules };
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('train, model list | activate | rollback as real processes', { timeout: 300_000 }, () => {
  let first = '';

  it('train builds a version, prints rules / model / combined per set, names bad lines by file and line', async () => {
    const { code, stdout, stderr } = await run(['train', '--epochs', '3']);
    expect(code, stderr).toBe(0);
    first = /candidate (m[\w-]+)/.exec(stdout)![1]!;
    expect(stdout).toMatch(/dev-posts \(150 posts, model scored out-of-fold\)\n  rules .*\n  model .*\n  combined /);
    expect(stdout).toContain('gate: no active model to compare with');
    expect(stderr).toMatch(/real text not found/);
    expect(stderr).toMatch(/zz-broken\.jsonl line 1: not valid JSON/);
    expect(stderr).toMatch(/zz-broken\.jsonl line 2: field label\.category.*"lamps"/);
    const list = await run(['model', 'list']);
    expect(list.stdout).toContain(first);
  });

  it('activate switches the model classify uses; a candidate that loses more than the tolerance is refused', async () => {
    expect((await run(['model', 'activate', first])).code).toBe(0);
    expect((await run(['model', 'list'])).stdout).toContain(`* ${first}`);
    const verdict = JSON.parse((await run(['classify'], JSON.stringify({ id: 'p', text: '宝安西乡这边井盖不见了，好危险', ip_location: '广东' }) + '\n')).stdout);
    expect(verdict.evidence.model.version).toBe(first);

    env.TRAINING_DIRS = path.join(dir, 'bad');
    const worse = await run(['train', '--epochs', '3']);
    const second = /candidate (m[\w-]+)/.exec(worse.stdout)![1]!;
    expect(worse.stdout).toMatch(/gate: FAILED/);
    const refused = await run(['model', 'activate', second]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/FAILED.*tolerance/s);
    expect((await run(['model', 'list'])).stdout).toContain(`* ${first}`);
    expect((await run(['model', 'activate', 'no-such-version'])).stderr).toMatch(/no model version "no-such-version"/);
  });

  it('rollback returns to the previous model, then to the shipped one', async () => {
    const back = await run(['model', 'rollback']);
    expect(back.code).toBe(0);
    expect(back.stdout).toMatch(/shipped model serves again/);
    expect((await run(['model', 'rollback'])).stderr).toMatch(/shipped default model is serving already/);
    const verdict = JSON.parse((await run(['classify'], JSON.stringify({ id: 'p', text: '今天天气真好' }) + '\n')).stdout);
    expect(verdict.evidence).toBeUndefined(); // no shipped model in these rules: the rules alone
  });
});
