import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { verdictForLine } from '../../src/engine/classify-stream.js';
import { loadEngine, type Engine } from '../../src/engine/engine.js';

let engine: Engine;
beforeAll(() => {
  engine = loadEngine(path.resolve('rules'), { city: '深圳' });
});

const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

describe('bad input: a verdict or a clear error, never a crash', () => {
  it.each([
    ['empty text', JSON.stringify({ id: 'a', text: '' }), false],
    ['1 MB text', JSON.stringify({ id: 'b', text: '井盖没了，'.repeat(200_000) }), false],
    ['invalid UTF-8 decoded as replacement chars', JSON.stringify({ id: 'c', text: Buffer.from([0xff, 0xfe, 0xe4, 0xb8]).toString('utf8') }), false],
    ['binary bytes', JSON.stringify({ id: 'd', text: String.fromCharCode(...Array.from({ length: 256 }, (_, i) => i)) }), false],
    ['emoji only', JSON.stringify({ id: 'e', text: '😀🔥🚒💥'.repeat(50) }), false],
    ['HTML with scripts', JSON.stringify({ id: 'f', text: '<script>alert("井盖")</script><img src=x onerror=alert(1)>路灯不亮' }), false],
    ['extra and nested fields', JSON.stringify({ id: 'g', text: '停水三天了', raw: { deep: { deeper: [1, 2, { x: null }] } } }), false],
    ['numeric id', JSON.stringify({ id: 42, text: '停水三天了' }), false],
    ['missing text', JSON.stringify({ id: 'h' }), true],
    ['missing id', JSON.stringify({ text: '停水三天了' }), true],
    ['text is not a string', JSON.stringify({ id: 'i', text: { a: 1 } }), true],
    ['not JSON', '{"id": "j", "text": "unterminated', true],
    ['a JSON array', '[1,2,3]', true],
    ['JSON null', 'null', true],
    ['deeply nested JSON', nested(100_000), true],
    ['binary garbage line', '\u0000\u0001\u0002\uFFFD\uFFFD', true],
  ])('%s', (_name, line, isError) => {
    const verdict = verdictForLine(line, 7, engine);
    expect(typeof verdict.id).toBe('string');
    expect(typeof verdict.is_lead).toBe('boolean');
    if (isError) {
      expect(verdict.error).toMatch(/line 7/);
      expect(verdict.is_lead).toBe(false);
    } else expect(verdict.error).toBeUndefined();
  });

  it('random strings never throw', () => {
    let seed = 12345;
    const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const alphabet = '井盖没了路灯不亮垃圾臭深圳南山区福田#@😀 \n\t{}[]":,\\/http://x.cn樓下廣州香港已修复私信加微信1381234567８';
    for (let i = 0; i < 2000; i++) {
      const len = Math.floor(rand() * 200);
      let text = '';
      for (let j = 0; j < len; j++) text += rand() < 0.05 ? String.fromCharCode(Math.floor(rand() * 0xffff)) : alphabet[Math.floor(rand() * alphabet.length)];
      const line = rand() < 0.5 ? JSON.stringify({ id: `r${i}`, text }) : text;
      expect(() => verdictForLine(line, i + 1, engine)).not.toThrow();
    }
  });
});
