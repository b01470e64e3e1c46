import { describe, expect, it } from 'vitest';
import { DEFAULT_COLLISION_POLICY as P } from '../../../src/collision/collision-policy.js';
import { scorePair, type CollisionSide } from '../../../src/collision/pair-score.js';
import { bigramSet, dice } from '../../../src/collision/text-similarity.js';

const base = { category: 'municipal', subItem: 'streetlight', district: '宝安区', street: '新安街道', place: '宝民一路', at: '2026-11-10T00:00:00.000Z' };
const sideOf = (s: Partial<typeof base> & { text: string }): CollisionSide => {
  const v = { ...base, ...s };
  return { ...v, bigrams: bigramSet(v.text, P.textChars, [v.place, v.street, v.district]) };
};
const LEAD = '宝民一路的路灯坏了一个多星期了，晚上黑漆漆的走路都怕';
const TICKET = '市民来电反映：宝民一路路段路灯不亮已有多日，夜间行人出行不便，请尽快维修。';
const day = (n: number) => new Date(Date.parse(base.at) + n * 86_400_000).toISOString();

describe('scorePair', () => {
  const cases: { name: string; lead: Partial<typeof base>; ticket: Partial<typeof base>; ticketText?: string; expect: { match: boolean; excluded?: string; relation?: string } }[] = [
    { name: 'same place, sub-item, a day before', lead: {}, ticket: { at: day(-1) }, expect: { match: true, relation: 'ticket_before' } },
    { name: 'same place, three days after', lead: {}, ticket: { at: day(3) }, expect: { match: true, relation: 'ticket_after' } },
    { name: 'place written longer on one side', lead: { place: '宝民一路38号' }, ticket: { at: day(2) }, expect: { match: true } },
    { name: 'another category', lead: {}, ticket: { category: 'road' }, expect: { match: false, excluded: 'category' } },
    { name: 'another district', lead: {}, ticket: { district: '南山区' }, expect: { match: false, excluded: 'district' } },
    { name: 'no district on the lead', lead: { district: null as unknown as string }, ticket: {}, expect: { match: false, excluded: 'district' } },
    { name: 'outside the window', lead: {}, ticket: { at: day(31) }, expect: { match: false, excluded: 'window' } },
    { name: 'two named places that differ', lead: {}, ticket: { place: '宝民二路' }, expect: { match: false, excluded: 'place' } },
    { name: 'two named sub-items that differ', lead: {}, ticket: { subItem: 'manhole' }, expect: { match: false, excluded: 'sub_item' } },
    { name: 'no place on the lead, same street, same wording', lead: { place: null as unknown as string }, ticket: {}, ticketText: LEAD, expect: { match: true } },
    { name: 'same place, no sub-item, unrelated words', lead: {}, ticket: { subItem: null as unknown as string }, ticketText: '市民反映宝民一路有商户占道堆放杂物，请处理。', expect: { match: false } },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = scorePair(sideOf({ ...c.lead, text: LEAD }), sideOf({ ...c.ticket, text: c.ticketText ?? TICKET }), P);
      expect(r.match).toBe(c.expect.match);
      if (c.expect.excluded) expect(r).toMatchObject({ excluded: c.expect.excluded });
      if (c.expect.relation) expect(r).toMatchObject({ relation: c.expect.relation });
    });
  }

  it('scores closer in time higher, and the time part is 1 within timeFullDays', () => {
    const near = scorePair(sideOf({ text: LEAD }), sideOf({ text: TICKET, at: day(2) }), P);
    const far = scorePair(sideOf({ text: LEAD }), sideOf({ text: TICKET, at: day(25) }), P);
    expect('parts' in near && near.parts.time).toBe(1);
    expect('score' in near && 'score' in far && near.score > far.score).toBe(true);
  });

  it('compares the problem, not the hotline formulas or the place', () => {
    expect(dice(bigramSet('市民来电反映宝民一路，请尽快处理', 400, ['宝民一路']), bigramSet('来电人称宝民一路，要求相关部门处理', 400, ['宝民一路']))).toBe(0);
    expect(dice(bigramSet('路灯不亮', 400), bigramSet('路灯不亮了', 400))).toBeGreaterThan(0.8);
  });
});
