import { describe, expect, it } from 'vitest';
import { normalise, originalSpan } from '../../src/engine/text/normalise.js';

describe('normalise', () => {
  it.each([
    ['traditional → simplified', '樓下間酒吧又開到三點', '楼下间酒吧又开到三点'],
    ['full-width → half-width, lower case', 'ＫＴＶ　Ａ出口１２３', 'ktv a出口123'],
    ['URLs removed', '看这里https://weibo.com/123?x=1 井盖没了', '看这里 井盖没了'],
    ['@mentions removed', '@深圳交警 红绿灯坏了', '红绿灯坏了'],
    ['hashtag markers removed', '#深圳身边事# 垃圾没人收', '深圳身边事 垃圾没人收'],
    ['emoji removed', '臭死了🤮🤮 快来', '臭死了 快来'],
    ['bracket emoticons removed', '路灯坏了[允悲][doge]', '路灯坏了'],
    ['whitespace collapsed', '  井盖 \n\n  没了\t ', '井盖 没了'],
    ['emoji only', '😀😀😀', ''],
    ['empty', '', ''],
  ])('%s', (_name, input, expected) => {
    expect(normalise(input).text).toBe(expected);
  });

  it('maps every normalised char back to the stored text', () => {
    const original = '#深圳# @某人 樓下🤮井蓋沒了 https://x.cn/a';
    const n = normalise(original);
    const at = n.text.indexOf('井盖');
    const [s, e] = originalSpan(n, at, at + 2);
    expect(original.slice(s, e)).toBe('井蓋');
  });

  it('keeps the map the same length as the text (plus the end) for astral characters and lone surrogates', () => {
    const n = normalise('A\ud800B𠀀C');
    expect(n.map.length).toBe(n.text.length + 1);
  });

  it('bounds work on a hostile 1 MB text', () => {
    const n = normalise('井盖没了'.repeat(250_000));
    expect(n.text.length).toBeLessThanOrEqual(20_000);
  });
});
