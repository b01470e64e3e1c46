import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEngine } from '../../src/engine/engine.js';
import { ruleNames } from '../../src/engine/rule-names.js';

const rulesDir = path.resolve('rules');

describe('rule names: what the lead page shows for matched rules', () => {
  it('names every rule the engine can fire in Chinese, never by its id', () => {
    const engine = loadEngine(rulesDir, { city: '深圳' });
    const ids = [
      ...engine.packs.flatMap((p) => p.subItems.flatMap((s) => s.rules.map((r) => r.id))),
      ...engine.exclusions.map((r) => r.id), ...engine.signals.rules.map((r) => r.id), ...engine.urgency.map((r) => r.id), ...engine.calm.map((r) => r.id),
    ];
    const name = ruleNames(rulesDir);
    const bad = ids.filter((id) => /[a-z]+[._][a-z]/.test(name(id)) || name(id) === '已停用的规则');
    expect(bad).toEqual([]);
  });

  it('reads packs as category · sub-item, urgency and exclusions by their names, old ids by what is left of them', () => {
    const name = ruleNames(rulesDir);
    expect(name('noise.night_construction.night_works')).toBe('噪声扰民 · 夜间施工噪声');
    expect(name('urgent.injured')).toBe('紧急：有人受伤');
    expect(name('calm.resolved')).toBe('不算紧急：险情已处理');
    expect(name('signal.reported')).toBe('佐证：已投诉或报警');
    expect(name('exclude.recruitment')).toBe('排除：招聘信息');
    expect(name('noise.night_construction.renamed_rule')).toBe('噪声扰民 · 夜间施工噪声');
    expect(name('sanitation.no_such_item')).toBe('市容环卫');
    expect(name('urgent.no_such_rule')).toBe('已停用的规则');
  });
});
