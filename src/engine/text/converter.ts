import * as OpenCC from 'opencc-js';

/**
 * Traditional → simplified, for matching only. opencc-js ('hk' → 'cn', which also covers Taiwan
 * forms) is the source of truth, but converting every post through it costs ~45 µs; so the one
 * converter is built once and used to precompute a per-character table for the CJK blocks, and the
 * hot path is a table lookup per character. Length is preserved, so offsets map 1:1.
 */
let table: Uint16Array | undefined;

const RANGES: [number, number][] = [
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xf900, 0xfaff],
];

/** code unit → simplified code unit (0 = unchanged), for every BMP character. */
export function simplifiedTable(): Uint16Array {
  return (table ??= buildTable());
}

function buildTable(): Uint16Array {
  const convert = OpenCC.Converter({ from: 'hk', to: 'cn' });
  const map = new Uint16Array(65536);
  for (const [from, to] of RANGES) {
    const chars: string[] = [];
    for (let cp = from; cp <= to; cp++) chars.push(String.fromCharCode(cp));
    // One call per block; '\n' keeps phrase rules from joining neighbours.
    const converted = convert(chars.join('\n')).split('\n');
    if (converted.length !== chars.length) throw new Error('opencc changed the number of characters while building the table');
    for (let i = 0; i < chars.length; i++) {
      const out = converted[i]!;
      if (out.length === 1 && out !== chars[i]) map[chars[i]!.charCodeAt(0)] = out.charCodeAt(0);
    }
  }
  return map;
}

export function toSimplified(text: string): string {
  const t = simplifiedTable();
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const to = t[text.charCodeAt(i)]!;
    if (to === 0) continue;
    out += text.slice(from, i) + String.fromCharCode(to);
    from = i + 1;
  }
  return from === 0 ? text : out + text.slice(from);
}
