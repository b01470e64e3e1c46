import { describe, expect, it } from 'vitest';
import { parseKeywords } from '../../src/review/queue.js';

const vocab = ['噪音扰', '噪音大', '漏水了', '漏水 ', '常见1'];
const expand = (prefix: string, limit: number) => (prefix === '常见' ? Array.from({ length: limit }, (_, i) => `常见${i}`) : vocab.filter((t) => t.startsWith(prefix)).slice(0, limit));

describe('parseKeywords', () => {
  it.each([
    ['', { likePatterns: [] }],
    ['噪音扰民', { ftsQuery: '"噪音扰民"', likePatterns: [] }],
    ['噪音', { ftsQuery: '("噪音扰" OR "噪音大")', likePatterns: [] }],
    ['漏水　噪音扰民', { ftsQuery: '("漏水了" OR "漏水 ") AND "噪音扰民"', likePatterns: [] }],
    ['常见', { likePatterns: ['%常见%'] }],
    ['say "hi"', { ftsQuery: '"say" AND """hi"""', likePatterns: [] }],
  ])('%j', (q, expected) => {
    expect(parseKeywords(q, expand)).toEqual(expected);
  });

  it('escapes LIKE wildcards and reports an unmatched short term as no result', () => {
    expect(parseKeywords('%_', () => Array(400).fill('x'))).toEqual({ likePatterns: ['%\\%\\_%'] });
    expect(parseKeywords('塌陷', expand)).toBeNull();
  });
});
