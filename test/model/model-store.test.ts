import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { gainedLost, gate } from '../../src/model/gate.js';
import { encodeModel, ModelFileError } from '../../src/model/model-file.js';
import { ModelHolder } from '../../src/model/model-holder.js';
import type { SetReport } from '../../src/model/model-eval.js';
import { ModelStore, SHIPPED_MODEL } from '../../src/model/model-store.js';
import { pino } from 'pino';
import { smallFit } from './small-model.js';

const dirs: string[] = [];
function temp(): string {
  const d = mkdtempSync(path.join(tmpdir(), 'civic-model-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('model store', () => {
  it('saves versions, activates, rolls back to the previous one and then to the shipped model', () => {
    const store = new ModelStore(temp());
    const bytes = encodeModel(smallFit().model);
    const v1 = store.save(bytes, { sets: [] }, { sources: [] }, new Date('2026-12-01T00:00:00Z'));
    const v2 = store.save(Buffer.concat([bytes]), { sets: [] }, { sources: [] }, new Date('2026-12-02T00:00:00Z'));
    expect(v1).toMatch(/^m20261201-000000-[0-9a-f]{8}$/);
    expect(store.versions().map((v) => v.version)).toEqual([v1, v2]);
    expect(store.active()).toBeNull();
    store.activate(v1, 'tester');
    store.activate(v2, 'tester');
    expect(store.active()).toMatchObject({ version: v2, history: [v1] });
    expect(() => store.activate(v2, 'tester')).toThrow(/already active/);
    expect(store.rollback('tester')?.version).toBe(v1);
    expect(store.rollback('tester')).toBeNull();
    expect(store.active()).toBeNull();
    expect(() => store.rollback('tester')).toThrow(/shipped default/);
  });

  it('refuses to activate a corrupt version and keeps the active one', () => {
    const dataDir = temp();
    const store = new ModelStore(dataDir);
    const good = store.save(encodeModel(smallFit().model), {}, {});
    store.activate(good, 'tester');
    const bad = store.save(Buffer.from('CRMODEL\u0001garbage', 'latin1'), {}, {});
    expect(() => store.activate(bad, 'tester')).toThrow(ModelFileError);
    expect(store.active()?.version).toBe(good);
    expect(() => store.activate('../../etc', 'tester')).toThrow(/no model version/);
  });
});

describe('model holder', () => {
  it('serves the shipped model, swaps to an activated version without a restart, and keeps serving when a bad one is activated', () => {
    const rulesDir = temp();
    mkdirSync(path.join(rulesDir, 'model'));
    const bytes = encodeModel(smallFit().model);
    writeFileSync(path.join(rulesDir, SHIPPED_MODEL), bytes);
    const store = new ModelStore(temp());
    const lines: string[] = [];
    const log = pino({ level: 'info' }, { write: (l: string) => void lines.push(l) });
    const holder = new ModelHolder(store, rulesDir, log);
    expect(holder.current?.version).toMatch(/^default-[0-9a-f]{8}$/);

    const v1 = store.save(bytes, {}, {});
    store.activate(v1, 'tester');
    holder.reloadIfChanged();
    expect(holder.current?.version).toBe(v1);

    // a corrupt version made active behind the store's back (a half-copied file): refused, v1 keeps serving
    const v2 = store.save(bytes, {}, {}, new Date('2030-01-01T00:00:00Z'));
    writeFileSync(store.modelPath(v2), bytes.subarray(0, bytes.length - 10));
    const pointer = JSON.parse(readFileSync(store.activeFile, 'utf8'));
    writeFileSync(store.activeFile, JSON.stringify({ ...pointer, version: v2, history: [v1] }));
    holder.reloadIfChanged();
    expect(holder.current?.version).toBe(v1);
    expect(lines.join('\n')).toMatch(/model not loaded; the model already serving stays/);

    store.rollback('tester');
    holder.reloadIfChanged();
    expect(holder.current?.version).toBe(v1);
  });
});

const report = (set: string, kind: SetReport['kind'], combined: SetReport['combined']): SetReport => ({ set, kind, posts: 100, outOfFold: false, rules: {}, model: {}, combined });

describe('activation gate', () => {
  it.each([
    ['no active model: passes', null, [report('a', 'labelled', { f1: 0.5, urgentRecall: 0.5 })], true],
    ['within tolerance: passes', [report('a', 'labelled', { f1: 0.9, urgentRecall: 0.8 })], [report('a', 'labelled', { f1: 0.895, urgentRecall: 0.8 })], true],
    ['F1 drops by more than the tolerance: fails', [report('a', 'labelled', { f1: 0.9, urgentRecall: 0.8 })], [report('a', 'labelled', { f1: 0.85, urgentRecall: 0.9 })], false],
    ['urgent recall drops: fails', [report('a', 'labelled', { f1: 0.9, urgentRecall: 0.8 })], [report('a', 'labelled', { f1: 0.95, urgentRecall: 0.7 })], false],
    ['more Weibo false flags than a tenth of the tolerance: fails', [report('w', 'weibo', { flagged: 0.002 })], [report('w', 'weibo', { flagged: 0.004 })], false],
    ['fewer Weibo flags: passes', [report('w', 'weibo', { flagged: 0.004 })], [report('w', 'weibo', { flagged: 0.002 })], true],
    ['board family drops: fails', [report('b', 'board', { flagged: 0.9, familyRight: 0.7 })], [report('b', 'board', { flagged: 0.9, familyRight: 0.6 })], false],
    ['a set the active model never saw: not compared', [report('a', 'labelled', { f1: 0.9 })], [report('new', 'labelled', { f1: 0.1 })], true],
  ])('%s', (_n, active, candidate, pass) => {
    expect(gate(candidate, active, 0.01).pass).toBe(pass);
  });

  it('lists what each model gets right that the other misses', () => {
    const cand = new Map([['s', new Map([['p1', true], ['p2', false], ['p3', true]])]]);
    const act = new Map([['s', new Map([['p1', false], ['p2', true], ['p3', true]])]]);
    expect(gainedLost(cand, act)).toEqual([{ set: 's', gained: ['p1'], lost: ['p2'] }]);
  });
});
