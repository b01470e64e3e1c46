import { describe, expect, it } from 'vitest';
import { chooseKeywordPlan, MAX_EXPANSION, parseKeywords, type KeywordStats } from '../../src/review/keyword-plan.js';

const vocab: Record<string, number> = { 噪音扰: 40, 噪音大: 10, 扰民睡: 30, 音扰民: 50, '漏水了': 5, '漏水 ': 5, say: 7, 'hi"': 3, '"hi': 3, 深圳市: 9, 圳市南: 20, 市南山: 20, 南山区: 2 };
const stats: KeywordStats = {
  expand: (prefix, limit) =>
    prefix === '常见'
      ? Array.from({ length: limit }, (_, i) => ({ term: `常见${i}`, docs: 1 }))
      : Object.entries(vocab).filter(([t]) => t.startsWith(prefix)).slice(0, limit).map(([term, docs]) => ({ term, docs })),
  docs: (t) => vocab[t] ?? 0,
};

describe('parseKeywords', () => {
  it.each([
    ['', { likePatterns: [], estimate: 100 }],
    ['噪音扰民', { likePatterns: ['%噪音扰民%'], ftsQuery: '"噪音扰" AND "音扰民"', estimate: 40 }], // its rarest trigrams (no phrases: detail=none); min over them
    ['噪音', { likePatterns: ['%噪音%'], ftsQuery: '("噪音扰" OR "噪音大")', estimate: 50 }], // sum over the expansion
    ['漏水　噪音扰民', { likePatterns: ['%漏水%', '%噪音扰民%'], ftsQuery: '("漏水了" OR "漏水 ") AND "噪音扰" AND "音扰民"', estimate: expect.closeTo(4) }], // independent terms
    ['常见', { likePatterns: ['%常见%'], estimate: 100 }], // too many trigrams: walk only
    ['say "hi"', { likePatterns: ['%say%', '%"hi"%'], ftsQuery: '"say" AND """hi" AND "hi"""', estimate: expect.closeTo(0.21) }],
    ['塌陷路面', { likePatterns: ['%塌陷路面%'], ftsQuery: '"塌陷路" AND "陷路面"', estimate: 0 }],
    ['深圳市南山区', { likePatterns: ['%深圳市南山区%'], ftsQuery: '"南山区" AND "深圳市"', estimate: 2 }], // the 2 rarest of its 4 trigrams
  ])('%j', (q, expected) => {
    expect(parseKeywords(q, stats, 100)).toEqual(expected);
  });

  it('escapes LIKE wildcards and reports an unmatched short term as no result', () => {
    expect(parseKeywords('%_', { expand: () => Array(MAX_EXPANSION + 1).fill({ term: 'x', docs: 1 }), docs: () => 0 }, 10)).toEqual({ likePatterns: ['%\\%\\_%'], estimate: 10 });
    expect(parseKeywords('塌陷', stats, 100)).toBeNull();
  });
});

describe('chooseKeywordPlan', () => {
  it.each([
    // [estimate, ftsQuery?, walk?]: a common term walks, a rare one takes the match list.
    [50_000, '"x"', true],
    [6_600, '"x"', true],
    [300, '"x"', false],
    [0, '"x"', false],
    [300, undefined, true], // no FTS part: walking is the only plan
  ] as const)('estimate %d, fts %s → walk %s', (estimate, ftsQuery, walk) => {
    expect(chooseKeywordPlan({ likePatterns: ['%x%'], ftsQuery, estimate }, 51, 100_000).walk).toBe(walk);
  });
});
