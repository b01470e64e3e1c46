import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CATEGORY_CODES } from '../../src/domain/categories.js';
import { loadCatalogue } from '../../src/engine/catalogue.js';
import { classify } from '../../src/engine/classify.js';
import { EngineHolder } from '../../src/engine/engine-holder.js';
import { loadEngine } from '../../src/engine/engine.js';
import { ConfigError } from '../../src/errors.js';

const dirs: string[] = [];
function rulesCopy(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'civic-rules-'));
  dirs.push(dir);
  cpSync(path.resolve('rules'), dir, { recursive: true });
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function edit(dir: string, file: string, from: string, to: string) {
  const p = path.join(dir, file);
  const text = readFileSync(p, 'utf8');
  expect(text).toContain(from);
  writeFileSync(p, text.replace(from, to));
}

function loadError(dir: string): ConfigError {
  try {
    loadEngine(dir, { city: '深圳' });
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return err as ConfigError;
  }
  throw new Error('expected loadEngine to throw');
}

describe('rule loading', () => {
  it('loads the shipped rules and covers every category', () => {
    const engine = loadEngine(path.resolve('rules'), { city: '深圳' });
    expect(engine.packs.map((p) => p.category).sort()).toEqual([...CATEGORY_CODES].sort());
    const catalogue = loadCatalogue(path.resolve('rules'));
    expect(catalogue.map((c) => c.code)).toEqual(CATEGORY_CODES);
    for (const c of catalogue) {
      expect(c.subItems.length).toBeGreaterThan(0);
      for (const s of c.subItems) expect(s.id.startsWith(`${c.code}.`)).toBe(true);
    }
    expect(catalogue.find((c) => c.code === 'municipal')!.subItems).toContainEqual({ id: 'municipal.manhole', name: '井盖缺失破损' });
  });

  it.each([
    ['a weight out of range', 'packs/noise.yaml', 'weight: 0.75', 'weight: 7', /noise\.yaml.*sub_items\[0\] \(night_construction\)\.rules\[0\] \(night_works\)\.weight/],
    ['an unknown field', 'packs/noise.yaml', '      - id: night_works\n', '      - id: night_works\n        anyy: [x]\n', /noise\.yaml.*rules\[0\] \(night_works\)/],
    ['a bad regular expression', 'signals.yaml', '"/第\\\\d+天/"', '"/第(\\\\d+天/"', /signals\.yaml.*rules\[3\] \(id persistence\).*regular expression/],
    ['an unknown category', 'packs/other.yaml', 'category: other', 'category: others', /other\.yaml.*category/],
    ['a rule without a condition', 'packs/labor.yaml', '        any: ["童工', '        anything: ["童工', /labor\.yaml/],
  ])('names file, rule and field for %s', (_name, file, from, to, message) => {
    const dir = rulesCopy();
    edit(dir, file, from, to);
    expect(loadError(dir).message).toMatch(message);
  });

  it('requires a pack for every category', () => {
    const dir = rulesCopy();
    unlinkSync(path.join(dir, 'packs/welfare.yaml'));
    expect(loadError(dir).message).toMatch(/no pack for categories welfare/);
  });

  it('requires a gazetteer for the configured city', () => {
    expect(() => loadEngine(path.resolve('rules'), { city: '成都' })).toThrow(/no gazetteer for city "成都"/);
  });

  it('validates the gazetteer with file and field', () => {
    const dir = rulesCopy();
    edit(dir, 'gazetteer/shenzhen.generated.json', '"district": "罗湖区"', '"district": "罗湖"');
    expect(loadError(dir).message).toMatch(/shenzhen\.generated\.json.*streets\[0\]\.district.*unknown district "罗湖"/);
  });

  it('a failed reload keeps the running engine', () => {
    const dir = rulesCopy();
    const holder = new EngineHolder(dir, { city: '深圳' });
    const before = holder.current;
    edit(dir, 'packs/noise.yaml', 'weight: 0.75', 'weight: nope');
    const result = holder.reload();
    expect(result.ok).toBe(false);
    expect(holder.current).toBe(before);
    expect(classify({ id: 'x', text: '凌晨两点楼下还在夜间施工，吵得睡不着' }, holder.current).category).toBe('noise');
    edit(dir, 'packs/noise.yaml', 'weight: nope', 'weight: 0.75');
    expect(holder.reload().ok).toBe(true);
    expect(holder.current).not.toBe(before);
  });
});

describe('vocabulary lists', () => {
  it('an unknown $list is a load error naming the rule', () => {
    const dir = rulesCopy();
    edit(dir, 'packs/labor.yaml', 'any: ["童工', 'any: ["$nope|童工');
    expect(loadError(dir).message).toMatch(/labor\.yaml.*unknown vocabulary list "\$nope"/);
  });
});

describe('reload on change', () => {
  it('picks up an edited pack, and keeps the running rules when the edit is broken', async () => {
    const dir = rulesCopy();
    const holder = new EngineHolder(dir, { city: '深圳' });
    const text = '小区里的蜂巢快递柜坏了一个礼拜没人修';
    expect(classify({ id: 'x', text }, holder.current).is_lead).toBe(false);
    holder.reloadIfChanged();
    const first = holder.current;
    expect(holder.current).toBe(first); // nothing changed: same engine
    await new Promise((r) => setTimeout(r, 20));
    edit(dir, 'packs/property.yaml', 'a: "游乐区|', 'a: "快递柜|游乐区|');
    holder.reloadIfChanged();
    expect(holder.current).not.toBe(first);
    expect(classify({ id: 'x', text }, holder.current).category).toBe('property');
    const good = holder.current;
    await new Promise((r) => setTimeout(r, 20));
    edit(dir, 'packs/property.yaml', 'category: property', 'category: propertyy');
    holder.reloadIfChanged();
    expect(holder.current).toBe(good);
  });
});
