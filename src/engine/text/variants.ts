import type { NormalisedText } from './normalise.js';
import { toSimplified } from './converter.js';

/**
 * Written Cantonese and other variant forms rewritten to Mandarin for matching only (咗 → 了,
 * 冇 → 没有, 唔系 → 不是), from rules/variants.yaml. Longest key first at each position, so a
 * phrase entry ("关系" → "关系") can protect a word from a shorter rewrite. Keys are compared
 * after traditional → simplified, as the text is. The offset map keeps pointing at the stored
 * text, so highlighted spans stay right when a rewrite changes the length.
 */
export class VariantTable {
  static readonly empty = new VariantTable({});
  private readonly byFirst = new Map<number, { from: string; to: string }[]>();
  private readonly starts = new Uint8Array(65536);

  constructor(entries: Record<string, string>) {
    for (const [rawFrom, rawTo] of Object.entries(entries)) {
      const from = toSimplified(rawFrom).toLowerCase();
      const to = toSimplified(rawTo).toLowerCase();
      if (!from) continue;
      const c = from.charCodeAt(0);
      this.starts[c] = 1;
      const list = this.byFirst.get(c) ?? [];
      list.push({ from, to });
      list.sort((a, b) => b.from.length - a.from.length);
      this.byFirst.set(c, list);
    }
  }

  get size(): number {
    let n = 0;
    for (const l of this.byFirst.values()) n += l.length;
    return n;
  }

  private matchAt(text: string, i: number): { from: string; to: string } | undefined {
    if (!this.starts[text.charCodeAt(i)]) return undefined;
    return this.byFirst.get(text.charCodeAt(i))!.find((e) => text.startsWith(e.from, i));
  }

  applyString(text: string): string {
    let out = '';
    let from = 0;
    for (let i = 0; i < text.length; ) {
      const m = this.matchAt(text, i);
      if (!m) {
        i++;
        continue;
      }
      out += text.slice(from, i) + m.to;
      i += m.from.length;
      from = i;
    }
    return from === 0 ? text : out + text.slice(from);
  }

  apply(n: NormalisedText): NormalisedText {
    const t = n.text;
    let i = 0;
    while (i < t.length && !this.starts[t.charCodeAt(i)]) i++;
    if (i === t.length) return n; // the common case: nothing to rewrite
    let out = t.slice(0, i);
    const map: number[] = Array.from(n.map.subarray(0, i));
    while (i < t.length) {
      const m = this.matchAt(t, i);
      if (!m) {
        out += t[i];
        map.push(n.map[i]!);
        i++;
        continue;
      }
      out += m.to;
      // every rewritten char points at the first stored char of what it replaces
      for (let k = 0; k < m.to.length; k++) map.push(n.map[i]!);
      i += m.from.length;
      // ...and the end of the span at the last one, so a match ending here maps right
      if (m.to.length > 0) map[map.length - 1] = n.map[i - 1]!;
    }
    map.push(n.map[t.length]!);
    return { text: out, map: Int32Array.from(map) };
  }
}
