import { describeReceived } from '../errors.js';
import { judge, type ActiveModel } from './judge.js';
import type { Engine } from './engine.js';
import { inputPostSchema } from './verdict.js';
import { emptyVerdict, type Verdict } from './verdict.js';

/** A short description of a received value; containers by type only (a 100,000-deep array must not recurse). */
function received(value: unknown): string {
  if (value === null || typeof value !== 'object') return describeReceived(value);
  return Array.isArray(value) ? `an array of ${value.length}` : 'an object';
}

/** One JSON Lines input line → one verdict; a bad line gets a verdict with `error` and never throws. */
export function verdictForLine(line: string, lineNo: number, engine: Engine, model?: ActiveModel): Verdict {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch (err) {
    return emptyVerdict(`line:${lineNo}`, { error: `line ${lineNo}: not valid JSON (${(err as Error).message.slice(0, 120)})` });
  }
  // Fast path for the common well-formed line; anything else gets the schema's precise message.
  if (raw !== null && typeof raw === 'object' && !Array.isArray(raw)) {
    const r = raw as { id?: unknown; text?: unknown; title?: unknown; ip_location?: unknown };
    if ((typeof r.id === 'string' && r.id.length > 0 && r.id.length <= 200) && typeof r.text === 'string' && (r.title === undefined || r.title === null || typeof r.title === 'string')) {
      try {
        return judge({ id: r.id, text: r.text, title: r.title as string | null | undefined, ip_location: typeof r.ip_location === 'string' ? r.ip_location : null }, engine, model);
      } catch (err) {
        return emptyVerdict(r.id, { error: `line ${lineNo}: could not classify: ${(err as Error).message}` });
      }
    }
  }
  const parsed = inputPostSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const id = raw && typeof raw === 'object' && typeof (raw as { id?: unknown }).id === 'string' ? (raw as { id: string }).id : `line:${lineNo}`;
    const field = issue.path.join('.') || '(line)';
    const value = issue.path.length && raw && typeof raw === 'object' ? (raw as Record<string, unknown>)[String(issue.path[0])] : raw;
    return emptyVerdict(id, { error: `line ${lineNo}: field ${field}: ${issue.message} (received ${received(value)}); a post needs "id" and "text" strings` });
  }
  try {
    return judge({ id: parsed.data.id, text: parsed.data.text, title: parsed.data.title, ip_location: parsed.data.ip_location }, engine, model);
  } catch (err) {
    return emptyVerdict(parsed.data.id, { error: `line ${lineNo}: could not classify: ${(err as Error).message}` });
  }
}

export interface StreamStats {
  lines: number;
  leads: number;
  errors: number;
}

/** Verdict lines for a batch of input lines (empty lines skipped), with counts: one worker's unit of work. */
export function verdictLines(lines: readonly string[], firstLineNo: number, engine: Engine, model?: ActiveModel): StreamStats & { out: string } {
  let out = '';
  const stats: StreamStats = { lines: 0, leads: 0, errors: 0 };
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    const verdict = verdictForLine(line, firstLineNo + i, engine, model);
    stats.lines++;
    if (verdict.error) stats.errors++;
    else if (verdict.is_lead) stats.leads++;
    out += `${JSON.stringify(verdict)}\n`;
  });
  return { ...stats, out };
}
