import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_COLLISION_POLICY } from '../../../src/collision/collision-policy.js';
import { evaluateSample, type LabelledPair } from '../../../src/collision/sample-evaluation.js';
import { loadEngine } from '../../../src/engine/engine.js';
import { judge } from '../../../src/engine/judge.js';

const FILE = path.resolve('test/tickets/collision/fixtures/labelled-pairs.jsonl');
const pairs = readFileSync(FILE, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as LabelledPair);

describe('the default thresholds on the labelled sample (COLLISION.md)', () => {
  it('has both kinds of pairs, each labelled', () => {
    expect(pairs.length).toBeGreaterThanOrEqual(150);
    expect(new Set(pairs.map((p) => p.label))).toEqual(new Set(['same', 'different']));
    expect(new Set(pairs.filter((p) => p.label === 'different').map((p) => p.kind))).toEqual(new Set(['other_place', 'other_problem', 'months_apart', 'other_district', 'same_street_other_spot']));
  });

  it('links most true pairs and almost no near-misses', () => {
    const f = evaluateSample(pairs, DEFAULT_COLLISION_POLICY);
    console.log(`collision sample: ${JSON.stringify(f)}`);
    expect(f.precision).toBeGreaterThanOrEqual(0.95);
    expect(f.recall).toBeGreaterThanOrEqual(0.65);
    // near-misses the hard rules exclude are never linked
    expect(f.errorsByKind.other_place ?? 0).toBe(0);
    expect(f.errorsByKind.months_apart ?? 0).toBe(0);
    expect(f.errorsByKind.other_district ?? 0).toBe(0);
  });

  it('trades recall for precision as the threshold rises', () => {
    const low = evaluateSample(pairs, { ...DEFAULT_COLLISION_POLICY, minScore: 0.5 });
    const high = evaluateSample(pairs, DEFAULT_COLLISION_POLICY);
    expect(low.recall).toBeGreaterThan(high.recall);
    expect(low.precision).toBeLessThan(high.precision);
  });
});

describe('the same sample with the engine reading each text (rules alone), as the pipeline would', () => {
  it('reports precision and recall when category, sub-item and place are the engine\'s', () => {
    const engine = loadEngine(path.resolve('rules'), { city: '深圳' });
    const read = (s: LabelledPair['lead']) => {
      const v = judge({ id: 'sample', title: null, text: s.text, platformLocal: true }, engine, undefined);
      // the hotline's district column stands in when the text places it nowhere (as the ticket import does)
      return { ...s, category: v.category, subItem: v.sub_item, district: v.district ?? s.district, street: v.street, place: v.place };
    };
    const f = evaluateSample(pairs.map((p) => ({ ...p, lead: read(p.lead), ticket: read(p.ticket) })), DEFAULT_COLLISION_POLICY);
    console.log(`collision sample, engine readings: ${JSON.stringify(f)}`);
    expect(f.precision).toBeGreaterThanOrEqual(0.8);
    expect(f.recall).toBeGreaterThanOrEqual(0.3);
  });
});

