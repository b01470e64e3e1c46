import { toSimplified } from './converter.js';

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

export function normalise(original: string): NormalisedText {
  const source = original.length > MAX_NORMALISED_CHARS * 2 ? original.slice(0, MAX_NORMALISED_CHARS * 2) : original;
  const drop = new Uint8Array(source.length);
  const mark = (re: RegExp) => {
    for (const m of source.matchAll(re)) drop.fill(1, m.index, m.index + m[0].length);
  };
  mark(URL_RE);
  mark(MENTION_RE);
  mark(BRACKET_EMOTICON_RE);

  const out: string[] = [];
  const map: number[] = [];
  let lastSpace = true;
  for (let i = 0; i < source.length; ) {
    const cp = source.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    if (drop[i]) {
      i += width;
      continue;
    }
    let ch = String.fromCodePoint(cp);
    if (cp >= 0xff01 && cp <= 0xff5e) ch = String.fromCharCode(cp - 0xfee0);
    else if (cp === 0x3000) ch = ' ';
    if (ch === '#' || EMOJI_RE.test(ch) || (cp < 0x20 && cp !== 0x0a) || cp === 0xfffd || (cp >= 0xd800 && cp <= 0xdfff)) {
      ch = ' ';
    }
    if (/\s/u.test(ch)) {
      if (!lastSpace) {
        out.push(' ');
        map.push(i);
      }
      lastSpace = true;
    } else {
      ch = ch.toLowerCase();
      // Astral chars (rare CJK extensions) become one placeholder so the map stays one entry per char.
      if (ch.length > 1) ch = '\u3007';
      out.push(ch);
      map.push(i);
      lastSpace = false;
    }
    i += width;
    if (out.length >= MAX_NORMALISED_CHARS) break;
  }
  if (out.length > 0 && out[out.length - 1] === ' ') {
    out.pop();
    map.pop();
  }
  map.push(source.length);
  const plain = out.join('');
  let text = toSimplified(plain);
  // opencc converts phrase by phrase; if a phrase changed length the map would drift, so convert char by char then.
  if (text.length !== plain.length) text = out.map((c) => (c.length === 1 ? toSimplified(c).slice(0, 1) || c : c)).join('');
  return { text, map: Int32Array.from(map) };
}

/** Maps a [start, end) span of the normalised text back to the original text. */
export function originalSpan(n: NormalisedText, start: number, end: number): [number, number] {
  const s = n.map[start] ?? n.map[n.map.length - 1]!;
  const lastChar = end > start ? n.map[end - 1] : undefined;
  const e = lastChar === undefined ? s : lastChar + 1;
  return [s, e];
}
