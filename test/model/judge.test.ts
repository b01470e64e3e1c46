import { describe, expect, it } from 'vitest';
import { rulesVerdict, analyse } from '../../src/engine/classify.js';
import { DEFAULT_POLICY, judge, type ActiveModel } from '../../src/engine/judge.js';
import type { ModelScores } from '../../src/model/linear-model.js';
import { CATEGORY_CODES } from '../../src/domain/categories.js';
import { rulesEngine, smallFit } from './small-model.js';

const scores = (lead: number, extra: Partial<ModelScores> = {}): ModelScores => {
  const category = extra.category ?? 'sanitation';
  const probabilities = new Float64Array(CATEGORY_CODES.length).fill(0.3 / (CATEGORY_CODES.length - 1));
  probabilities[CATEGORY_CODES.indexOf(category)] = 0.7;
  return { lead, urgent: 0.1, category, categoryProbability: 0.7, categories: [{ category, p: 0.7 }], probabilities, ...extra };
};

describe('one verdict from rules and model', () => {
  const engine = rulesEngine();
  const active: ActiveModel = { version: 'test', model: smallFit().model };

  // Each case states what the rules alone say, so a rule change that moves a case fails here first.
  it.each([
    // text, rules alone, model scores, expected lead, decided_by, category
    ['福田区有个井盖不见了，好危险', 'lead', scores(0.9, { category: 'municipal' }), true, 'rules+model', 'municipal'],
    ['福田区有个井盖不见了，好危险', 'lead', scores(0.9, { category: 'road', categoryProbability: 0.5 }), true, 'rules+model', 'municipal'],
    ['福田区车公庙那边有个井盖不见了，路过的人都得绕着走，好危险', 'lead', scores(0.02), false, 'model_veto', null],
    ['福田区有个井盖不见了，好危险', 'lead', scores(0.02, { category: 'municipal' }), true, 'rules+model', 'municipal'],
    ['我们这栋楼下面那个东西一直在往外冒黑水，好几天了', 'none', scores(0.8, { category: 'pollution' }), true, 'model', 'pollution'],
    ['我们这栋楼下面那个东西一直在往外冒黑水，好几天了', 'none', scores(0.3), false, 'neither', null],
    ['井盖', 'below', scores(0.4, { category: 'municipal' }), true, 'model', 'municipal'],
    ['井盖', 'below', scores(0.3, { category: 'municipal' }), false, 'neither', null],
    ['专业疏通下水道，24小时上门服务，电话13800000000，南山福田宝安均可', 'blocked', scores(0.85), false, 'exclusion', null],
    ['专业疏通下水道，24小时上门服务，电话13800000000，南山福田宝安均可', 'blocked', scores(0.95), true, 'model', 'sanitation'],
    ['广州天河这边井盖不见了好危险', 'outside', scores(0.95), false, 'outside', null],
  ] as const)('%s (rules: %s) → lead %s by %s', (text, rulesSay, s, lead, by, category) => {
    const a = analyse({ id: 'p', text }, engine);
    const r = rulesVerdict(a);
    const state = r.is_lead ? 'lead' : a.blocked ? 'blocked' : r.reason?.startsWith('outside') ? 'outside' : a.best ? 'below' : 'none';
    expect(state).toBe(rulesSay);
    const v = judge({ id: 'p', text, ip_location: '广东' }, engine, active, DEFAULT_POLICY, s);
    expect(v.is_lead).toBe(lead);
    expect(v.evidence?.decided_by).toBe(by);
    expect(v.category).toBe(category);
    expect(v.evidence?.model?.p_lead).toBe(s.lead);
  });

  it('the model\'s category replaces the rules\' only when it is sure and all but rules out theirs', () => {
    const v = judge({ id: 'p', text: '福田区有个井盖不见了，好危险' }, engine, active, DEFAULT_POLICY, scores(0.9, { category: 'road' }));
    expect(v.category).toBe('road');
    expect(v.evidence?.category_by).toBe('model');
    expect(v.sub_item === null || v.sub_item.startsWith('road.')).toBe(true);
  });

  it('a problem naming another city is not a lead, unless the platform is the jurisdiction\'s own board', () => {
    const text = '广州天河这边井盖不见了好危险';
    expect(judge({ id: 'p', text }, engine, active, DEFAULT_POLICY, scores(0.95)).is_lead).toBe(false);
    expect(judge({ id: 'p', text, platformLocal: true }, engine, active, DEFAULT_POLICY, scores(0.95)).is_lead).toBe(true);
  });

  it.each([
    ['found by the model alone', '我们这栋楼下面那个东西一直在往外冒黑水，好几天了', 0.6, 0.75],
    ['raised by the rules, doubted by the model', '马路边那棵大树歪得很厉害，树根都翘起来了，下面就是公交站', 0.15, 0.25],
  ] as const)('with no local evidence the model must be surer: %s', (_n, text, below, above) => {
    expect(judge({ id: 'p', text }, engine, active, DEFAULT_POLICY, scores(below)).is_lead).toBe(false);
    expect(judge({ id: 'p', text, ip_location: '广东' }, engine, active, DEFAULT_POLICY, scores(below)).is_lead).toBe(true);
    expect(judge({ id: 'p', text }, engine, active, DEFAULT_POLICY, scores(above)).is_lead).toBe(true);
  });

  it('without a model the verdict is exactly the rules\'', () => {
    for (const text of ['福田区有个井盖不见了，好危险', '今天天气真好', '井盖']) {
      expect(judge({ id: 'p', text }, engine)).toEqual(rulesVerdict(analyse({ id: 'p', text }, engine)));
    }
  });

  it.each([
    ['the urgency rules', '福田区有个井盖不见了，好危险', 0.1, 'rules'],
    ['the model alone', '我们这栋楼下面那个东西一直在往外冒黑水，好几天了', 0.9, 'model'],
    ['neither', '我们这栋楼下面那个东西一直在往外冒黑水，好几天了', 0.2, null],
  ] as const)('urgency decided by %s', (_n, text, pUrgent, by) => {
    const v = judge({ id: 'p', text }, engine, active, DEFAULT_POLICY, scores(0.9, { urgent: pUrgent, category: 'municipal' }));
    expect(v.urgency).toBe(by ? 'urgent' : 'normal');
    expect(v.evidence?.urgency_by ?? null).toBe(by);
  });

  it.each([
    ['a named place of the city', { text: '南山区科技园这边路灯坏了一排，晚上黑漆漆' }, 'place'],
    ['a local platform', { text: '我们这栋楼下面那个东西一直在往外冒黑水，好几天了', platformLocal: true }, 'platform'],
    ['the IP属地', { text: '我们这栋楼下面那个东西一直在往外冒黑水，好几天了', ip_location: 'IP属地：广东' }, 'ip'],
    ['nothing: ranks lower', { text: '我们这栋楼下面那个东西一直在往外冒黑水，好几天了', ip_location: '湖南' }, 'none'],
  ] as const)('locality from %s', (_n, post, locality) => {
    const v = judge({ id: 'p', ...post }, engine, active, DEFAULT_POLICY, scores(0.8));
    expect(v.is_lead).toBe(true);
    expect(v.evidence?.locality).toBe(locality);
    const factor = locality === 'none' ? DEFAULT_POLICY.unlocatedFactor : 1;
    expect(v.score).toBeCloseTo((v.evidence!.rules_lead ? (v.evidence!.rules_score + 0.8) / 2 : 0.8) * factor, 2);
  });

  it('a lead the model found explains itself with weighing n-grams', () => {
    const v = judge({ id: 'p', text: '我们这栋楼下面那个东西一直在往外冒黑水，好几天了' }, engine, active, DEFAULT_POLICY, scores(0.8));
    expect(v.evidence?.model?.for.length).toBeGreaterThan(0);
  });
});
