import { readFileSync } from 'node:fs';
import { describeReceived } from '../../errors.js';
import { labelSchema, type Label } from '../../engine/evaluation.js';
import { inputPostSchema } from '../../engine/verdict.js';

/** A labelled post of the guide's JSON Lines format (§6). */
export interface LabelledPost {
  id: string;
  text: string;
  title?: string | null;
  platform?: string | null;
  ip_location?: string | null;
  label: Label;
}

/** A line that could not be used, named by file and line, with what was expected and received. */
export interface DataIssue {
  file: string;
  line: number;
  message: string;
}

const lineSchema = inputPostSchema.extend({ label: labelSchema });

/**
 * Reads a labelled JSON Lines file. A broken line (bad JSON, unknown category, missing label) is
 * reported with its file and line and skipped; the rest is used.
 */
export function readLabelledFile(file: string): { posts: LabelledPost[]; issues: DataIssue[] } {
  const posts: LabelledPost[] = [];
  const issues: DataIssue[] = [];
  const lines = readFileSync(file, 'utf8').split('\n');
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch (err) {
      issues.push({ file, line: i + 1, message: `not valid JSON (${(err as Error).message.slice(0, 100)})` });
      return;
    }
    const parsed = lineSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const path = issue.path.join('.');
      let value: unknown = raw;
      for (const key of issue.path) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[String(key)] : undefined;
      issues.push({ file, line: i + 1, message: `field ${path || '(line)'}: ${issue.message} (received ${describeReceived(value)})` });
      return;
    }
    const label = parsed.data.label;
    if (label.is_lead && !label.category) {
      issues.push({ file, line: i + 1, message: 'field label.category: a lead needs one of the 19 category codes (received null)' });
      return;
    }
    posts.push(parsed.data);
  });
  return { posts, issues };
}
