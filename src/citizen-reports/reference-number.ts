import { randomInt } from 'node:crypto';

/** Letters and digits a resident cannot mistake for one another (no 0/O, 1/I/L). */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const RANDOM_CHARS = 8;

/**
 * A report's reference number, e.g. SZ-20261207-7KQ4M2XD: the prefix, the Beijing date it was
 * made, and 8 random characters (31^8 ≈ 8.5×10^11 a day): not sequential, so a number does not
 * lead to anyone else's report. `pick(n)` is the random source (tests pass their own).
 */
export function newReference(prefix: string, at: Date, pick: (n: number) => number = randomInt): string {
  const day = new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10).replaceAll('-', '');
  let tail = '';
  for (let i = 0; i < RANDOM_CHARS; i++) tail += ALPHABET[pick(ALPHABET.length)];
  return `${prefix}-${day}-${tail}`;
}

/** What a resident typed, in the stored form (trimmed, upper case, full-width and spaces undone), or null if it cannot be a reference. */
export function normaliseReference(typed: string): string | null {
  const s = typed.normalize('NFKC').replace(/\s+/g, '').replace(/[—–_－]/g, '-').toUpperCase();
  return /^[A-Z]{1,4}-\d{8}-[2-9A-HJKMNP-Z]{8}$/.test(s) ? s : null;
}
