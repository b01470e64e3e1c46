/**
 * Keyword search plans. A keyword match is defined once: every term occurs in the lead's search
 * text (lead_text), ASCII case-insensitively (LIKE). Two plans find the same rows:
 * - walk: the queue index in queue order, testing each row's text, stopping at `limit` matches —
 *   touches ~limit/density rows, so it is cheap for a COMMON term;
 * - match list: the leads the FTS5 trigram index lists for the terms' trigrams (a superset: the
 *   index keeps no positions (detail=none) and folds case), tested, sorted by queue_key — cheap
 *   for a RARE term.
 * The choice uses the trigram vocabulary's document counts (fts5vocab); a misestimate only costs
 * time, and the walk is bounded (see listQueue) so it cannot run through the whole queue.
 */

/** What the planner asks the index. */
export interface KeywordStats {
  /** Trigrams starting with `prefix` (at most `limit`) and how many leads contain each. */
  expand(prefix: string, limit: number): { term: string; docs: number }[];
  /** How many leads contain this trigram. */
  docs(trigram: string): number;
}

export interface KeywordPlan {
  likePatterns: string[];
  /** FTS5 query whose matches include every lead the patterns accept; absent when no term can use the index. */
  ftsQuery?: string;
  /** Expected number of matching leads (terms assumed independent). */
  estimate: number;
}

const phrase = (t: string) => `"${t.replace(/"/g, '""')}"`;
const like = (t: string) => `%${t.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
/** Above this many trigrams a 1–2 character term is too common to be worth an FTS query. */
export const MAX_EXPANSION = 300;
/** Trigrams of a long term looked up for its estimate (the minimum over a subset is still an upper bound). */
const MAX_PROBES = 8;
/**
 * Trigrams of a >= 3 character term the FTS query requires: its rarest ones. Any subset of a term's
 * trigrams lists every lead containing the term; more of them narrow the list a little and cost a
 * doclist each (measured on the bench store: all trigrams ~0.7 ms, the rarest one ~0.5 ms per query).
 */
export const FTS_TRIGRAMS_PER_TERM = 2;

/**
 * Terms (split on spaces, at most 8) to LIKE patterns, an FTS5 trigram query and an estimate of the
 * matches. A term of >= 3 characters requires its rarest trigrams (the index has no positions, so
 * no phrases: LIKE then drops leads holding the trigrams apart). Trigram cannot match 1–2
 * characters directly, so such a term becomes the OR of the index's trigrams that start with it
 * (every indexed text ends with a space, so each occurrence starts one), or no FTS part when it has
 * more than MAX_EXPANSION. `null`: nothing can match (a short term that starts no trigram).
 * Trigrams of the query are cut from the term as typed (code points; FTS5 folds case itself): a
 * lower-cased copy may have other code points ('İ' becomes two), and would cut other trigrams.
 */
export function parseKeywords(q: string | undefined, stats: KeywordStats, total: number): KeywordPlan | null {
  const terms = (q ?? '').split(/[\s\u3000]+/u).filter(Boolean).slice(0, 8);
  const groups: string[] = [];
  let density = 1;
  for (const t of terms) {
    const chars = [...t];
    if (chars.length >= 3) {
      const probes = [...new Set(Array.from({ length: Math.min(MAX_PROBES, chars.length - 2) }, (_, i) => chars.slice(i, i + 3).join('')))]
        .map((term) => ({ term, docs: stats.docs(term.toLowerCase()) }))
        .sort((a, b) => a.docs - b.docs);
      groups.push(probes.slice(0, FTS_TRIGRAMS_PER_TERM).map((p) => phrase(p.term)).join(' AND '));
      density *= Math.min(total, probes[0]!.docs) / Math.max(1, total);
      continue;
    }
    const trigrams = stats.expand(t.toLowerCase(), MAX_EXPANSION + 1);
    if (trigrams.length === 0) return null;
    if (trigrams.length > MAX_EXPANSION) continue;
    groups.push(`(${trigrams.map((x) => phrase(x.term)).join(' OR ')})`);
    density *= Math.min(total, trigrams.reduce((n, x) => n + x.docs, 0)) / Math.max(1, total);
  }
  return { likePatterns: terms.map(like), ftsQuery: groups.length ? groups.join(' AND ') : undefined, estimate: density * total };
}

/**
 * Walk or match list? Walking costs ~WALK_COST per row over limit·total/estimate rows (if matches
 * spread evenly through the queue); the match list ~estimate rows at MATCH_COST each, plus a sort.
 * Measured on the bench store (1M posts, 100k leads): see bench/queue.ts.
 */
const WALK_ROW_COST = 1; // ~1 µs: index step, text lookup, LIKE
const MATCH_ROW_COST = 4; // ~4 µs: row by primary key, queue_key computed, sort

export interface WalkPlan {
  /** Queue rows a walk is expected to touch. */
  expectedRows: number;
  walk: boolean;
}

export function chooseKeywordPlan(plan: KeywordPlan, limit: number, total: number): WalkPlan {
  const expectedRows = plan.estimate === 0 ? Infinity : (limit * total) / plan.estimate;
  const walk = plan.ftsQuery === undefined || expectedRows * WALK_ROW_COST < plan.estimate * MATCH_ROW_COST;
  return { expectedRows, walk };
}
