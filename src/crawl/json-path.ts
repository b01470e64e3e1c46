/**
 * Minimal JSON paths for crawler files: `data.cards[].mblog` (`[]` maps over an
 * array and flattens), `cards[0].id` (index), `user.screen_name`. Missing steps give
 * undefined, never throw: a platform's payload is untrusted.
 */
export function selectPath(value: unknown, path: string): unknown[] {
  let current: unknown[] = [value];
  for (const step of tokenize(path)) {
    const next: unknown[] = [];
    for (const v of current) {
      if (v === null || v === undefined) continue;
      if (step === '[]') {
        if (Array.isArray(v)) next.push(...v);
      } else if (typeof step === 'number') {
        if (Array.isArray(v)) next.push(v[step]);
      } else if (typeof v === 'object' && Object.hasOwn(v, step)) {
        next.push((v as Record<string, unknown>)[step]);
      }
    }
    current = next.filter((v) => v !== undefined);
  }
  return current;
}

export function getPath(value: unknown, path: string): unknown {
  return selectPath(value, path)[0];
}

function tokenize(path: string): (string | number | '[]')[] {
  const steps: (string | number | '[]')[] = [];
  for (const part of path.split('.').filter(Boolean)) {
    const m = /^([^[\]]*)((?:\[\d*\])*)$/.exec(part);
    if (!m) {
      steps.push(part);
      continue;
    }
    if (m[1]) steps.push(m[1]);
    for (const idx of m[2]!.match(/\[\d*\]/g) ?? []) steps.push(idx === '[]' ? '[]' : Number(idx.slice(1, -1)));
  }
  return steps;
}
