import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEngine } from '../../src/engine/engine.js';
import type { Condition, Term } from '../../src/engine/rules/condition.js';
import { regexAnchors } from '../../src/engine/rules/regex-anchors.js';
import { normalise } from '../../src/engine/text/normalise.js';

describe('regex anchors (literal phrases every match contains)', () => {
  it.each([
    ['(晕倒|昏倒|倒在地上)', ['晕倒', '昏倒', '倒在地上']],
    ['(要是|万一)[^，]{0,5}(着火|起火)', ['要是', '万一']],
    ['冒(出)?[^，]{0,5}(黑烟|浓烟)', ['黑烟', '浓烟']],
    ['(几|两|三)年前的', ['年前的']],
    ['(?<![好差])[一两三]点(?![都也])', ['点']],
    ['(树|树枝)[^，]{0,8}(挡|遮)', ['树', '树枝']],
    ['大坑.{0,6}水', ['大坑']],
    ['炸了?', ['炸']],
    ['a|b', ['a', 'b']],
    ['(越来越大)|(随时|马上)[^，]{0,8}倒|不得了', ['越来越大', '随时', '马上', '不得了']],
  ])('%s → %j', (source, anchors) => {
    expect(regexAnchors(source)).toEqual(anchors);
  });

  it.each([['a|[0-9]'], ['(甲|乙)?丙?'], ['[一二三]+'], ['\\d{2,}']])('no anchor for %s', (source) => {
    expect(regexAnchors(source)).toBeNull();
  });

  // Soundness on real text: wherever a rule's regex matches a labelled post, one of its anchors is
  // inside the match (else the phrase index would fail to wake the rule and it would silently not fire).
  it('every regex match in the labelled sets contains one of its anchors', () => {
    const engine = loadEngine(path.resolve('rules'), { city: '深圳' });
    const files = ['blind-a-posts.jsonl', 'blind-b-posts.jsonl', 'generalise-posts.jsonl', 'own-posts.jsonl'].map((f) => path.resolve('test/engine/fixtures', f));
    const texts = [...files, path.resolve('test/engine/fixtures/dev-posts.jsonl')]
      .flatMap((f) => readFileSync(f, 'utf8').split('\n').filter(Boolean))
      .map((l) => normalise((JSON.parse(l) as { text: string }).text).text);
    const terms = (c: Condition): Term[] => [c.any, ...(c.all ?? []), ...(c.near ?? []).flatMap((n) => [n.a, n.b]), c.none].filter((t): t is Term => Boolean(t));
    const rules = [...engine.packs.flatMap((p) => p.subItems.flatMap((s) => s.rules)), ...engine.exclusions, ...engine.signals.rules, ...engine.urgency, ...engine.calm];
    let checked = 0;
    for (const rule of rules)
      for (const term of terms(rule.condition))
        for (const re of term.regexes) {
          const anchors = regexAnchors(re.source);
          expect(anchors, `${rule.id}: ${re.source} has no anchor`).not.toBeNull();
          for (const text of texts)
            for (const m of text.matchAll(new RegExp(re.source, 'gu'))) {
              checked++;
              expect(anchors!.some((a) => m[0].includes(a)), `${rule.id}: "${m[0]}" matches ${re.source} without an anchor`).toBe(true);
            }
        }
    expect(checked).toBeGreaterThan(20);
  });
});
