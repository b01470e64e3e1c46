/**
 * 64-bit SimHash over character 3-gram shingles of normalised text (punctuation and spaces
 * removed), as two 32-bit halves. Reposts and the same text on several platforms land within a
 * few bits of each other; unrelated posts are ~32 bits apart.
 */
const SHINGLE = 3;

function fnv1a(text: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  // Final avalanche (murmur3 fmix32): FNV alone leaves the high bits of short inputs poorly mixed.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return h >>> 0;
}

/** Overlapping character n-grams (3 for SimHash; collision compares bigrams) of the text without spaces, punctuation and symbols. */
export function shingles(normalised: string, size = SHINGLE): string[] {
  const compact = normalised.replace(/[\s\p{P}\p{S}]/gu, '');
  if (compact.length <= size) return compact ? [compact] : [];
  const out: string[] = [];
  for (let i = 0; i + size <= compact.length; i++) out.push(compact.slice(i, i + size));
  return out;
}

export function simhash(normalised: string): string {
  const votes = new Int32Array(64);
  for (const s of shingles(normalised)) {
    const lo = fnv1a(s, 0x811c9dc5);
    const hi = fnv1a(s, 0x2166136b);
    for (let b = 0; b < 32; b++) {
      votes[b]! += (lo >>> b) & 1 ? 1 : -1;
      votes[b + 32]! += (hi >>> b) & 1 ? 1 : -1;
    }
  }
  let lo = 0;
  let hi = 0;
  for (let b = 0; b < 32; b++) {
    if (votes[b]! > 0) lo |= 1 << b;
    if (votes[b + 32]! > 0) hi |= 1 << b;
  }
  return (hi >>> 0).toString(16).padStart(8, '0') + (lo >>> 0).toString(16).padStart(8, '0');
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

/** Differing bits between two 16-hex-digit fingerprints (64 when either is malformed). */
export function hammingDistance(a: string, b: string): number {
  if (!/^[0-9a-f]{16}$/.test(a) || !/^[0-9a-f]{16}$/.test(b)) return 64;
  return popcount((parseInt(a.slice(0, 8), 16) ^ parseInt(b.slice(0, 8), 16)) >>> 0) + popcount((parseInt(a.slice(8), 16) ^ parseInt(b.slice(8), 16)) >>> 0);
}

/** Similarity in [0, 1] from the Hamming distance (stored in lead_posts.similarity). */
export function similarity(a: string, b: string): number {
  return Math.round((1 - hammingDistance(a, b) / 64) * 1000) / 1000;
}
