import { describe, expect, it } from 'vitest';
import { compileCondition, evaluate, type MatchContext } from '../../src/engine/rules/condition.js';
import { wordBoundaries } from '../../src/engine/text/segmenter.js';
import { PhraseIndex } from '../../src/engine/text/phrase-index.js';

function run(rule: Parameters<typeof compileCondition>[0], text: string) {
  const index = new PhraseIndex();
  const cond = compileCondition(rule, index);
  const ctx: MatchContext = { text, hits: index.scan(text), regexCache: new Map(), wordBoundaries: () => wordBoundaries(text) };
  return evaluate(cond, ctx);
}

describe('rule operators', () => {
  it.each([
    ['any: one alternative present', { any: ['井盖|窨井盖'] }, '路口的窨井盖', true],
    ['any: none present', { any: ['井盖|窨井盖'] }, '路灯不亮', false],
    ['all: every term present', { all: ['电动车', '充电'] }, '电动车在楼道充电', true],
    ['all: one missing', { all: ['电动车', '充电'] }, '电动车停在楼道', false],
    ['near: within distance', { near: [{ a: '井盖', b: '没了|丢失', within: 4 }] }, '井盖昨天没了', true],
    ['near: too far apart', { near: [{ a: '井盖', b: '没了|丢失', within: 2 }] }, '井盖今天早上我看到没了', false],
    ['near: order does not matter', { near: [{ a: '井盖', b: '丢失', within: 3 }] }, '丢失的井盖', true],
    ['none: vetoes', { any: ['停水'], none: ['已恢复'] }, '停水已恢复', false],
    ['regex term', { any: ['/第\\d+天/'] }, '这是第37天了', true],
    ['regex term no match', { any: ['/第\\d+天/'] }, '第几天了', false],
    ['word term matches a whole word', { any: ['=火'] }, '楼上起了火', true],
    ['word term skips a word that contains it', { any: ['=火'] }, '一起去吃火锅', false],
    ['case-insensitive phrases (text is normalised lower case)', { any: ['KTV'] }, '楼下ktv', true],
  ])('%s', (_name, rule, text, fires) => {
    expect(Boolean(run(rule, text))).toBe(fires);
  });

  it('returns the spans that made the rule fire', () => {
    expect(run({ near: [{ a: '井盖', b: '没了', within: 5 }] }, 'xx井盖没了')).toEqual([[2, 4], [4, 6]]);
  });

  it('rejects a regex hidden inside an alternatives string', () => {
    expect(() => compileCondition({ any: ['a|/b+/'] }, new PhraseIndex())).toThrow(/own list item/);
  });

  it('rejects an invalid regular expression with the term named', () => {
    expect(() => compileCondition({ any: ['/(unclosed/'] }, new PhraseIndex())).toThrow(/\/\(unclosed\//);
  });

  it('a vocabulary list may mix phrases and regular expressions', () => {
    const index = new PhraseIndex();
    const vocabulary = new Map([['simile', ['比喻', '/像[^，]{0,4}一样/']]]);
    const cond = compileCondition({ any: ['$simile|玩笑'] }, index, vocabulary);
    const fires = (text: string) => Boolean(evaluate(cond, { text, hits: index.scan(text), regexCache: new Map(), wordBoundaries: () => wordBoundaries(text) }));
    expect(fires('说话像煤气一样')).toBe(true);
    expect(fires('这是玩笑')).toBe(true);
    expect(fires('煤气泄漏了')).toBe(false);
  });

  it('finds overlapping phrases in one scan', () => {
    const index = new PhraseIndex();
    const a = index.add('南山');
    const b = index.add('南山大道');
    const hits = index.scan('南山大道南山');
    expect(hits.get(a)).toEqual([0, 4]);
    expect(hits.get(b)).toEqual([0]);
  });
});
