import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Category } from '../../domain/categories.js';
import { BOARD_FAMILIES } from './board-families.js';
import { isHeldOut } from './holdout.js';

/**
 * The shared real text (../shared/datasets/real-text/): read in place, never copied into the
 * repository. Every row is in the training part or the held-out part by `isHeldOut(id)`.
 */
export type Part = 'train' | 'heldout';

export interface BoardMessage {
  id: string;
  text: string;
  board: string;
  family: readonly Category[];
}

export interface WeiboPost {
  id: string;
  text: string;
}

export const BOARD_FILE = 'civic-messages-labelled.jsonl';
export const WEIBO_FILE = 'weibo-posts.jsonl';

function rows(file: string): Record<string, unknown>[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

export function hasRealText(dir: string): boolean {
  return existsSync(path.join(dir, BOARD_FILE)) && existsSync(path.join(dir, WEIBO_FILE));
}

const inPart = (id: string, part: Part) => isHeldOut(id) === (part === 'heldout');

/** Letters to the board with their department family; the title leads the text as on the board. */
export function boardMessages(dir: string, part: Part): BoardMessage[] {
  return rows(path.join(dir, BOARD_FILE))
    .filter((r) => typeof r.id === 'string' && inPart(r.id, part) && typeof r.label === 'string' && BOARD_FAMILIES[r.label])
    .map((r) => {
      const title = typeof r.title === 'string' ? r.title.trim() : '';
      const text = String(r.text ?? '');
      return { id: r.id as string, text: title ? `${title}\n${text}` : text, board: r.label as string, family: BOARD_FAMILIES[r.label as string]! };
    });
}

/** Everyday Weibo posts; `limit` takes an even spread over the file, the same rows every time. */
export function weiboPosts(dir: string, part: Part, limit = Infinity): WeiboPost[] {
  const all = rows(path.join(dir, WEIBO_FILE)).filter((r) => typeof r.id === 'string' && typeof r.text === 'string' && inPart(r.id, part));
  if (all.length <= limit) return all.map((r) => ({ id: r.id as string, text: r.text as string }));
  const step = all.length / limit;
  const out: WeiboPost[] = [];
  for (let k = 0; k < limit; k++) {
    const r = all[Math.floor(k * step)]!;
    out.push({ id: r.id as string, text: r.text as string });
  }
  return out;
}
