import { VariantTable } from './variants.js';

/**
 * Finds every occurrence of many literal phrases in one pass over a text (the rules' hot path).
 * Phrases are bucketed by their first two characters, so a position costs one Map lookup and a
 * few startsWith checks, whatever the number of phrases.
 */
export interface PhraseHit {
  phrase: number;
  start: number;
  end: number;
}

export class PhraseIndex {
  /** Variant forms rewritten in phrases exactly as in the texts they are matched against. */
  constructor(readonly variants: VariantTable = VariantTable.empty) {}

  /** A rule's phrase (or regex source) in the form the normalised text has. */
  canonical(phrase: string): string {
    return this.variants.applyString(phrase);
  }

  private readonly ids = new Map<string, number>();
  private readonly phrases: string[] = [];
  // Indexed by char codes (first char → second char → phrases): no string allocation and small-integer keys.
  private readonly buckets2: (Map<number, number[]> | undefined)[] = new Array(65536).fill(undefined);
  private readonly buckets1 = new Map<number, number[]>();
  /** 1 where some phrase starts with this code unit: most positions are skipped with one array read. */
  private readonly starts = new Uint8Array(65536);

  /** Registers a phrase (idempotent) and returns its id. */
  add(phrase: string): number {
    const known = this.ids.get(phrase);
    if (known !== undefined) return known;
    const id = this.phrases.length;
    this.phrases.push(phrase);
    this.ids.set(phrase, id);
    let buckets = this.buckets1;
    let key = phrase.charCodeAt(0);
    this.starts[key] = 1;
    if (phrase.length >= 2) {
      buckets = this.buckets2[key] ??= new Map();
      key = phrase.charCodeAt(1);
    }
    const list = buckets.get(key);
    if (list) list.push(id);
    else buckets.set(key, [id]);
    return id;
  }

  phrase(id: number): string {
    return this.phrases[id]!;
  }

  get size(): number {
    return this.phrases.length;
  }

  /** Occurrences grouped by phrase id (positions ascending). */
  scan(text: string): Map<number, number[]> {
    const found = new Map<number, number[]>();
    const push = (id: number, at: number) => {
      const list = found.get(id);
      if (list) list.push(at);
      else found.set(id, [at]);
    };
    const has1 = this.buckets1.size > 0;
    for (let i = 0; i < text.length; i++) {
      const c0 = text.charCodeAt(i);
      if (this.starts[c0] === 0) continue;
      if (has1) {
        const single = this.buckets1.get(c0);
        if (single) for (const id of single) push(id, i);
      }
      if (i + 1 >= text.length) break;
      const bucket = this.buckets2[c0]?.get(text.charCodeAt(i + 1));
      if (!bucket) continue;
      for (const id of bucket) {
        const p = this.phrases[id]!;
        if (p.length === 2 || text.startsWith(p, i)) push(id, i);
      }
    }
    return found;
  }
}
