import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

/** One jieba instance (loading the dictionary takes ~0.3 s), created on first use. */
let jieba: Jieba | undefined;

// The rules (word boundaries) and the model (word features) segment the same text one after the other.
let lastText: string | undefined;
let lastWords: string[] = [];

export function segment(text: string): string[] {
  if (text === lastText) return lastWords;
  jieba ??= Jieba.withDict(dict);
  lastWords = jieba.cut(text, false);
  lastText = text;
  return lastWords;
}

/** Offsets where a word starts or ends: a '=term' only matches on these (so "=火" skips "火锅"). */
export function wordBoundaries(text: string): Set<number> {
  const out = new Set<number>([0]);
  let at = 0;
  for (const w of segment(text)) {
    at += w.length;
    out.add(at);
  }
  return out;
}
