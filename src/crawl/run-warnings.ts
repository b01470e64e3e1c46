import type { CrawlerDefinition, PostField } from './definition.js';

/**
 * What a run (or a dry run) found that is not an error but means the file may not do what its
 * author thinks: everything past the cut-off, a field empty on most posts, detail pages failing,
 * selectors matching nothing. Returned as data (the CLI prints them, the run row keeps them).
 */
export interface CrawlWarning {
  kind: 'past-cutoff' | 'field-empty' | 'items-none' | 'items-invalid' | 'detail-failed';
  /** The file's field the warning is about, e.g. "extract.fields.publishedAt". */
  field?: string;
  message: string;
}

/** Counts a sweep keeps while it runs. */
export interface WarningStats {
  listingPages: number;
  /** Items the item selectors/paths matched (with or without id and text). */
  items: number;
  /** Matched items without an id or text (skipped). */
  invalid: number;
  /** Distinct items older than the cut-off, and the newest of them. */
  pastCutoff: number;
  newestPastCutoff: string | null;
  /** Posts kept (stored, refreshed or previewed), and per field how many of them had a value. */
  posts: number;
  filled: Partial<Record<PostField, number>>;
  details: number;
  detailFailures: number;
  firstDetailError: string | null;
}

export function emptyWarningStats(): WarningStats {
  return { listingPages: 0, items: 0, invalid: 0, pastCutoff: 0, newestPastCutoff: null, posts: 0, filled: {}, details: 0, detailFailures: 0, firstDetailError: null };
}

/** A field empty on more than this share of posts is worth a warning. */
const EMPTY_SHARE = 0.5;

export function runWarnings(stats: WarningStats, def: Pick<CrawlerDefinition, 'extract' | 'detail' | 'cutoff'>, now: Date): CrawlWarning[] {
  const warnings: CrawlWarning[] = [];
  const items = 'items' in def.extract ? def.extract.items : null;
  if (stats.listingPages > 0 && stats.items === 0 && items !== null) {
    warnings.push({
      kind: 'items-none', field: 'extract.items',
      message: `extract.items ${JSON.stringify(items)} matched nothing on ${stats.listingPages} page(s): the page does not have that shape (check it against the page's source, or a dry run with --json)`,
    });
  }
  if (stats.invalid > 0 && stats.invalid < stats.items) {
    warnings.push({ kind: 'items-invalid', message: `${stats.invalid} of ${stats.items} item(s) had no id or no text and were skipped (extract.fields.id / extract.fields.text)` });
  }
  if (stats.pastCutoff > 0 && stats.posts === 0) {
    const hours = def.cutoff.maxAgeHours;
    const newest = stats.newestPastCutoff;
    const age = newest ? (now.getTime() - Date.parse(newest)) / 3600_000 : null;
    const widen = age !== null ? Math.ceil((age + 1) / 24) * 24 : hours * 2;
    warnings.push({
      kind: 'past-cutoff', field: 'cutoff.maxAgeHours',
      message:
        `${stats.pastCutoff} item(s) found, all older than the cut-off of ${hours} h (cutoff.maxAgeHours)` +
        `${newest ? `; the newest is from ${newest}, ${Math.round(age!)} h ago` : ''}. Nothing was kept. ` +
        `To take them, widen it in the file: cutoff: { maxAgeHours: ${widen} }`,
    });
  }
  if (stats.posts >= 2) {
    for (const [field, source] of checkedFields(def)) {
      const filled = stats.filled[field] ?? 0;
      if (filled / stats.posts >= EMPTY_SHARE) continue;
      const what = filled === 0 ? `matched nothing on any of the ${stats.posts} post(s)` : `is empty on ${stats.posts - filled} of ${stats.posts} post(s)`;
      warnings.push({ kind: 'field-empty', field: source, message: `field ${field} (${source}) ${what}: check its selector or path against the page` });
    }
  }
  if (stats.detailFailures > 0) {
    warnings.push({
      kind: 'detail-failed', field: 'detail.url',
      message: `${stats.detailFailures} of ${stats.details} detail page(s) failed (first: ${stats.firstDetailError}); their posts were not stored and the next run tries them again`,
    });
  }
  return warnings;
}

/** The optional fields a file declares (id and text are required: a post without them is skipped, counted above). */
function checkedFields(def: Pick<CrawlerDefinition, 'extract' | 'detail'>): [PostField, string][] {
  const out = new Map<PostField, string>();
  for (const field of Object.keys(def.extract.fields ?? {}) as PostField[]) out.set(field, `extract.fields.${field}`);
  // detail fields count only when every new post gets a detail page
  if (def.detail && !def.detail.onlyIf) for (const field of Object.keys(def.detail.fields) as PostField[]) out.set(field, `detail.fields.${field}`);
  out.delete('id');
  out.delete('text');
  return [...out];
}
