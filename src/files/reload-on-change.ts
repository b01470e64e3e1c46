import { statSync } from 'node:fs';

export type LoadCache<T> = Map<string, { mtimeMs: number; value: T }>;

/**
 * A data file's loaded value, read again when its mtime changes. A broken edit keeps the last
 * good value (as the engine does); with none loaded yet, the loader's error (file and field) is thrown.
 */
export function reloadOnChange<T>(cache: LoadCache<T>, file: string, load: () => T): T {
  const mtimeMs = statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  const known = cache.get(file);
  if (known && known.mtimeMs === mtimeMs) return known.value;
  let value: T;
  try {
    value = load();
  } catch (err) {
    if (known) {
      cache.set(file, { mtimeMs, value: known.value }); // not re-read on every call until the next edit
      return known.value;
    }
    throw err;
  }
  cache.set(file, { mtimeMs, value });
  return value;
}
