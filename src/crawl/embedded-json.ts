import { NonRetryableError } from '../errors.js';

/**
 * The JSON a page's script assigns to a name (`window.__INITIAL_STATE__ = {...}`, `var PageData = {...}`):
 * the value after the first `NAME =` is cut at its closing bracket (strings skipped) and parsed. A bare
 * `undefined` (Xiaohongshu's state has them) reads as null.
 */
export function embeddedJson(page: string, name: string): unknown {
  const at = new RegExp(`${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*=\\s*(?=[[{])`).exec(page);
  if (!at) throw new NonRetryableError(`the page has no script assigning ${name} = {...} (extract.embedded); the page layout may have changed`);
  const start = at.index + at[0].length;
  let depth = 0;
  let out = '';
  for (let i = start; i < page.length; i++) {
    const c = page[i]!;
    if (c === '"') {
      const end = stringEnd(page, i);
      out += page.slice(i, end + 1);
      i = end;
      continue;
    }
    if (page.startsWith('undefined', i) && !/[\w$]/.test(page[i - 1] ?? '') && !/[\w$]/.test(page[i + 9] ?? '')) {
      out += 'null';
      i += 8;
      continue;
    }
    out += c;
    if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      if (--depth === 0) break;
    }
  }
  try {
    return JSON.parse(out);
  } catch (err) {
    throw new NonRetryableError(`the value of ${name} in the page is not JSON (extract.embedded): ${(err as Error).message}`);
  }
}

function stringEnd(text: string, open: number): number {
  for (let i = open + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i;
  }
  return text.length - 1;
}
