// The queue the reviewer is working through: filters, loaded rows, position. Survives reloads
// (sessionStorage), so j/k on a lead page walks the same list the queue page showed.
import { get } from './api.js';

const KEY = 'civic-radar.queue';
/** The query parameters a queue view is made of (and its address shows). */
export const FILTER_KEYS = ['status', 'sort', 'urgency', 'category', 'district', 'platform', 'hotline', 'from', 'to', 'q'];

export const queue = load();

function load() {
  try {
    const saved = JSON.parse(sessionStorage.getItem(KEY) || 'null');
    if (saved && Array.isArray(saved.ids)) return saved;
  } catch {}
  return { filters: {}, ids: [], nextCursor: null, index: 0 };
}

export function save() {
  sessionStorage.setItem(KEY, JSON.stringify(queue));
}

export function queryString(filters, after) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v) params.set(k, v);
  if (after) params.set('after', after);
  return params.toString();
}

/** Loads the first page (reset) or the next one; returns the new rows. */
export async function loadPage(reset) {
  if (!reset && !queue.nextCursor) return [];
  const data = await get(`/api/leads?${queryString(queue.filters, reset ? null : queue.nextCursor)}`);
  if (reset) queue.ids = [];
  queue.ids.push(...data.items.map((i) => i.id));
  queue.nextCursor = data.nextCursor;
  save();
  return data.items;
}

/** The id after/before `id` in the queue, loading the next page when needed. */
export async function neighbour(id, step) {
  let i = queue.ids.indexOf(id);
  if (i < 0) {
    if (queue.ids.length === 0) await loadPage(true);
    return step > 0 ? queue.ids.find((x) => x !== id) : undefined;
  }
  if (step > 0 && i + 1 >= queue.ids.length) {
    await loadPage(false);
    i = queue.ids.indexOf(id);
  }
  return queue.ids[i + step];
}
