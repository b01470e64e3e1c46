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
  private readonly ids = new Map<string, number>();
  private readonly phrases: string[] = [];
  private buckets2 = new Map<string, number[]>();
  private buckets1 = new Map<string, number[]>();

  /** Registers a phrase (idempotent) and returns its id. */
  add(phrase: string): number {
    const known = this.ids.get(phrase);
    if (known !== undefined) return known;
    const id = this.phrases.length;
    this.phrases.push(phrase);
    this.ids.set(phrase, id);
    const buckets = phrase.length >= 2 ? this.buckets2 : this.buckets1;
    const key = phrase.slice(0, phrase.length >= 2 ? 2 : 1);
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
      if (has1) {
        const single = this.buckets1.get(text[i]!);
        if (single) for (const id of single) push(id, i);
      }
      const bucket = this.buckets2.get(text.slice(i, i + 2));
      if (!bucket) continue;
      for (const id of bucket) if (text.startsWith(this.phrases[id]!, i)) push(id, i);
    }
    return found;
  }
}
