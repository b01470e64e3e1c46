import { simplifiedTable } from './converter.js';
import type { VariantTable } from './variants.js';

/**
 * Text as the rules see it, plus a map back to the stored text so matched spans can be
 * highlighted in the original. `map[i]` is the offset in the original of normalised char i;
 * `map[text.length]` is the original length.
 */
export interface NormalisedText {
  text: string;
  map: Int32Array;
}

// URLs, @mentions (up to a separator) and the '#' of #hashtags# are noise for matching.
const URL_RE = /https?:\/\/[^\s\u3000-\u303f\uff01-\uff0f\u4e00-\u9fff]+|www\.[a-z0-9.-]+\.[a-z]{2,}[^\s\u4e00-\u9fff]*/giu;
const MENTION_RE = /@[^\s@#,，。:：;；!！?？、)）(（/]{1,30}/gu;
const EMOJI_RE = /[\p{Extended_Pictographic}\u{1F1E6}-\u{1F1FF}\u{1F3FB}-\u{1F3FF}\u200d\ufe0e\ufe0f\u20e3]/u;
// Weibo-style bracket emoticons ([允悲], [doge]) carry no problem content.
const BRACKET_EMOTICON_RE = /\[[\u4e00-\u9fffa-z]{1,6}\]/giu;

/** Stops a hostile 1 MB post from costing more than any real one; rules only look at the start. */
export const MAX_NORMALISED_CHARS = 20_000;

// Decoding the output buffer is the fastest way to turn code units back into a string.
const UTF16 = new TextDecoder('utf-16le');

export function normalise(original: string, variants?: VariantTable): NormalisedText {
  const source = original.length > MAX_NORMALISED_CHARS * 2 ? original.slice(0, MAX_NORMALISED_CHARS * 2) : original;
  const drop = new Uint8Array(source.length);
  const mark = (re: RegExp) => {
    for (const m of source.matchAll(re)) drop.fill(1, m.index, m.index + m[0].length);
  };
  // The regexes only run when their marker is present (most posts have none).
  if (source.includes('http') || source.includes('www.')) mark(URL_RE);
  if (source.includes('@')) mark(MENTION_RE);
  if (source.includes('[')) mark(BRACKET_EMOTICON_RE);

  const table = simplifiedTable();
  const limit = Math.min(source.length, MAX_NORMALISED_CHARS * 2);
  const out = new Uint16Array(Math.min(limit, MAX_NORMALISED_CHARS));
  const map = new Int32Array(out.length + 1);
  let n = 0;
  let lastSpace = true;
  for (let i = 0; i < limit && n < out.length; i++) {
    if (drop[i]) continue;
    let c = source.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < limit) {
      // Astral: emoji and symbols become a space; a rare CJK extension char one placeholder.
      const cp = source.codePointAt(i)!;
      i++;
      c = EMOJI_RE.test(String.fromCodePoint(cp)) || cp < 0x20000 ? 0x20 : 0x3007;
    } else if (c >= 0xff01 && c <= 0xff5e) c -= 0xfee0;
    if (c >= 0x41 && c <= 0x5a) c += 0x20;
    else if (c === 0x23 || c < 0x20 || (c >= 0xd800 && c <= 0xdfff) || c === 0xfffd || c === 0x3000 || c === 0xa0 || (c >= 0x2000 && c <= 0x200f) || c === 0xfeff) c = 0x20;
    else if ((c >= 0x2100 && c <= 0x2bff) || c === 0xfe0f || c === 0xfe0e || c === 0x20e3 || c === 0x3030 || c === 0x303d || c === 0x3297 || c === 0x3299) {
      if (EMOJI_RE.test(String.fromCharCode(c)) || c === 0xfe0f || c === 0xfe0e || c === 0x20e3) c = 0x20;
    }
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) {
      if (lastSpace) continue;
      c = 0x20;
      lastSpace = true;
    } else {
      lastSpace = false;
      const s = table[c]!;
      if (s !== 0) c = s;
    }
    map[n] = i;
    out[n++] = c;
  }
  if (n > 0 && out[n - 1] === 0x20) n--;
  map[n] = source.length;
  const result = { text: UTF16.decode(out.subarray(0, n)), map: map.slice(0, n + 1) };
  return variants ? variants.apply(result) : result;
}

/** Maps a [start, end) span of the normalised text back to the original text. */
export function originalSpan(n: NormalisedText, start: number, end: number): [number, number] {
  const s = n.map[start] ?? n.map[n.map.length - 1]!;
  const lastChar = end > start ? n.map[end - 1] : undefined;
  const e = lastChar === undefined ? s : lastChar + 1;
  return [s, e];
}
